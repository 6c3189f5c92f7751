package com.claimledger.ledger.projection;

/**
 * A projection table whose rows are a function of the projection's other tables — the search's word index
 * ({@code claim_word}), the words of each claim's wordings. A replay does not rebuild such a table row by row: while
 * it rebuilds ({@link Rebuild#inProgress()}) the handlers leave it alone, the switch skips its shadow, and after the
 * switch, in the switch's transaction, {@link #rederive()} brings it in line with the tables just switched in,
 * writing only the rows that differ. At 10^6 ledger entries the word index is three quarters of the rows the
 * projections hold (docs/benchmarks.md, ninth round): rebuilt row by row, most of a replay's time.
 */
public interface DerivedTable {

    /** The table's name, as in schema {@code replay}. */
    String table();

    /** Makes the table what its sources now say, in the caller's transaction: deletes and inserts what differs. */
    void rederive();
}
