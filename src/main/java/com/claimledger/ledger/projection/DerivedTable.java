package com.claimledger.ledger.projection;

import java.util.List;
import java.util.function.Consumer;

/**
 * A projection table whose rows are a function of the projection's other tables — the search's word index
 * ({@code claim_word}), the words of each claim's wordings; the subject filter's rows ({@code claim_subject}), the
 * subjects each claim's row lists. A replay does not rebuild such a table row by row: while
 * it rebuilds ({@link Rebuild#inProgress()}) the handlers leave it alone and the switch skips its shadow. Before the
 * switch the replay compares the fingerprint of the table as it stands with that of the rows {@link #derive} gives
 * from the rebuilt tables — equal as a rule, and then the table stays as it is; otherwise, after the switch, in the
 * switch's transaction, {@link #rederive()} brings it in line with the tables just switched in, writing only the rows
 * that differ. At 10^6 ledger entries the word index is three quarters of the rows the projections hold
 * (docs/benchmarks.md, ninth round): rebuilt row by row, most of a replay's time.
 */
public interface DerivedTable {

    /** The table's name, as in schema {@code replay}. */
    String table();

    /** The table's columns, in the order {@link #derive} gives each row's values. */
    List<String> columns();

    /**
     * The projection tables {@link #derive} reads (as named in schema {@code replay}): where each holds the same rows
     * in both schemas, the rows derived from either are the same — a replay derives them from the live tables while it
     * feeds the events, and compares with the shadows' once their fingerprints are equal (ShadowTables).
     */
    List<String> sources();

    /**
     * Gives every row the table should hold according to its source tables in schema {@code sources}, each once and
     * in any order: each row's values as JDBC's {@code getObject} reads them from the table's {@link #columns()} (so
     * that a row derived and the same row read encode alike). Runs outside any transaction, while nothing writes the
     * sources; it writes nothing.
     */
    void derive(String sources, Consumer<Object[]> rows);

    /**
     * The same derivation as {@code parts} parts that may run at once, each on a thread of its own: together they give
     * every row {@link #derive} gives, each once; each part gives its rows to the consumer it is run with. The share of
     * each is not fixed in advance — a part takes the next share of the work left when it is done with one — so that
     * parts started late, or slowed by other work beside them, end about together. By default one part, {@link
     * #derive} itself.
     */
    default List<Part> derivation(String sources, int parts) {
        return List.of(rows -> derive(sources, rows));
    }

    /** One part of a {@link #derivation}. */
    @FunctionalInterface
    interface Part {
        /** Gives the part's rows, as {@link #derive} gives them. */
        void give(Consumer<Object[]> rows);
    }

    /** Makes the table what its sources now say, in the caller's transaction: deletes and inserts what differs. */
    void rederive();
}
