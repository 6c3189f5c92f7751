package com.claimledger.entities.api;

import java.util.Optional;

/** The write side's consistent view of which entity owns which name; read inside the writing transaction. */
public interface EntityLookup {

    /** The canonical entity that the name or alias (compared by {@link com.claimledger.kernel.Names#key}) denotes. */
    Optional<String> ownerOfName(String name);

    /** The canonical entity an id belongs to (itself unless merged), or empty if no such entity. */
    Optional<String> canonicalOf(String entityId);
}
