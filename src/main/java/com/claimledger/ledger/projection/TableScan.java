package com.claimledger.ledger.projection;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Every row of a table, read in portions, in parts that may run at once: what a replay's fingerprints of a table and
 * the views' checksum read. The rows come in no particular order; what is made of them must not depend on it.
 *
 * <p>On H2 a page of rows at a time in the order of H2's row key ({@code _ROWID_}), each page its own short query —
 * never as one lazy query ({@code LAZY_QUERY_EXECUTION}): a lazy result that outlives H2's rewriting of sparse chunks
 * (H2Housekeeping) reads pages of chunks already dropped ("Chunk ... not found", H2 issue 4142), after which H2 closes
 * the database; at 10^6 entries it did (tenth round in docs/benchmarks.md) — and never as one materialised result
 * (past {@code h2.maxMemoryRows} H2 writes it to a temporary file first: the views' checksum, read so in primary-key
 * order, took 80–113 s at 10^6 entries; twenty-sixth round). On PostgreSQL through a cursor (its driver fetches in
 * portions only inside a transaction). Each part runs on a connection of its own, never in a transaction of the
 * caller's thread.
 */
public final class TableScan {

    /** What a part makes of the rows it reads: a fresh one for every part. */
    public interface Rows<T> {

        /** The row at the result's cursor: {@code columns} columns from the {@code first}. */
        void add(ResultSet rows, int first, int columns) throws SQLException;

        /** What the rows added make. */
        T result();
    }

    private TableScan() {
    }

    /**
     * The scan of a table in about {@code parts} parts that may run at once, each making its own {@link Rows}: on H2
     * equal spans of its row keys (a replay's checks share out their work among the cores in pieces, so that none is
     * left scanning alone at the end — sixteenth round in docs/benchmarks.md); on PostgreSQL one part, its cursor. The
     * spans are taken when the part list is made: rows written to the table after that may be missed.
     */
    public static <T> List<Callable<T>> parts(JdbcTemplate jdbc, boolean postgres, String qualifiedTable,
                                              List<String> columns, int parts, int pageRows,
                                              Supplier<? extends Rows<T>> rows) {
        if (postgres) {
            return List.of(() -> scanWithCursor(jdbc, qualifiedTable, columns, pageRows, rows.get()));
        }
        // The least and the greatest row key, each the first row of the table's row order (a lookup; H2 answers
        // min(_rowid_), max(_rowid_) by reading a whole index: 8.4 s for the word index at 10^6 entries).
        List<Long> least = outside(() -> jdbc.queryForList("select _rowid_ from " + qualifiedTable
                + " order by _rowid_ fetch first 1 rows only", Long.class));
        List<Long> greatest = outside(() -> jdbc.queryForList("select _rowid_ from " + qualifiedTable
                + " order by _rowid_ desc fetch first 1 rows only", Long.class));
        if (least.isEmpty() || greatest.isEmpty()) {
            return List.of(() -> rows.get().result());
        }
        // Spans (after, upTo] of the row keys from just below the least to the greatest, in equal steps.
        long first = least.get(0) - 1;
        long span = greatest.get(0) - first;
        int count = (int) Math.max(1, Math.min(parts, span));
        List<Callable<T>> scans = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long after = first + span / count * i + Math.min(i, span % count);
            long upTo = first + span / count * (i + 1) + Math.min(i + 1, span % count);
            scans.add(() -> scanPages(jdbc, qualifiedTable, columns, pageRows, after, upTo, rows.get()));
        }
        return scans;
    }

    private static <T> T scanWithCursor(JdbcTemplate jdbc, String qualifiedTable, List<String> columns, int pageRows,
                                        Rows<T> sink) {
        return outside(() -> jdbc.execute((ConnectionCallback<T>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(pageRows);
                try (ResultSet rows = statement.executeQuery("select " + String.join(", ", columns) + " from "
                        + qualifiedTable)) {
                    while (rows.next()) {
                        sink.add(rows, 1, columns.size());
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
            return sink.result();
        }));
    }

    /** The rows with row keys in ({@code after}, {@code upTo}], a page at a time. */
    private static <T> T scanPages(JdbcTemplate jdbc, String qualifiedTable, List<String> columns, int pageRows,
                                   long after, long upTo, Rows<T> sink) {
        return outside(() -> {
            NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
            String page = "select _rowid_, " + String.join(", ", columns) + " from " + qualifiedTable
                    + " where _rowid_ > :after and _rowid_ <= :upTo order by _rowid_ fetch first " + pageRows
                    + " rows only";
            long[] last = {after};
            while (true) {
                int[] read = {0};
                named.query(page, new MapSqlParameterSource("after", last[0]).addValue("upTo", upTo), rows -> {
                    last[0] = rows.getLong(1);
                    read[0]++;
                    sink.add(rows, 2, columns.size());
                });
                if (read[0] < pageRows) {
                    return sink.result();
                }
            }
        });
    }

    private static <T> T outside(Supplier<T> scan) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a table scan reads on a connection of its own, outside any transaction");
        }
        return scan.get();
    }
}
