package com.claimledger.ledger.api;

import java.util.List;

/** Queries answered by the ledger log. */
public final class LedgerQueries {

    private LedgerQueries() {
    }

    /** Entries with a sequence greater than {@code after} (all when null), oldest first. */
    public record ListEntries(Long after, int limit) {
    }

    /** Every entry of one aggregate, oldest first. */
    public record EntriesOf(String aggregateId) {
    }

    public record Entries(List<LedgerEntry> entries) {
    }

    /** How many entries the ledger holds (its size; the next sequence). */
    public record CountEntries() {
    }
}
