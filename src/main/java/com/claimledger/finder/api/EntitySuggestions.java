package com.claimledger.finder.api;

/** Suggests alias merges across spellings, scripts and acronyms; an editor accepts one with the alias write. */
public interface EntitySuggestions {

    /** The entities that are probably the same as the given one, best first. Unknown entity: not found. */
    Suggestions forEntity(String entityId, int limit);

    /** The ledger's most probable pairs, best first. */
    Suggestions ledgerWide(int limit);
}
