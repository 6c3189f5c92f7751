package com.claimledger.ledger.replay;

import org.apache.commons.codec.digest.MurmurHash3;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What a table holds, independent of the order a scan meets its rows in: the number of rows and the sums (modulo
 * 2^64) of the two halves of each row's 128-bit MurmurHash3, taken over an unambiguous encoding of its columns (each
 * value as its text, length-prefixed; a null as length -1). A replay's switch compares a projection table's
 * fingerprint with its rebuilt shadow's and leaves the table alone when they are equal — the usual case, a replay
 * reproducing the rows it finds. A fingerprint costs one sequential scan of the table, where comparing the two tables
 * by primary key costs an index lookup and a row fetch on the other side for every row of each (at 10^6 ledger entries
 * the switch's two anti-joins took about 50 s, ninth round in docs/benchmarks.md). Unequal tables with equal
 * fingerprints would need two 64-bit sums to agree by chance; the switch then compares them row by row anyway, so a
 * fingerprint only ever spares work, and values that compare equal in SQL but read differently (a timestamp's offset)
 * only cost the row-by-row comparison.
 *
 * <p>The scan reads in portions: on H2 a page of rows at a time in the order of H2's row key ({@code _ROWID_}), each
 * page its own short query — never as one lazy query ({@code LAZY_QUERY_EXECUTION}): a lazy result that outlives H2's
 * rewriting of sparse chunks (H2Housekeeping) reads pages of chunks already dropped ("Chunk ... not found", H2 issue
 * 4142), after which H2 closes the database; at 10^6 entries it did (tenth round in docs/benchmarks.md) — and never as
 * one materialised result (past {@code h2.maxMemoryRows} H2 writes it to a temporary file first). On PostgreSQL through
 * a cursor (its driver fetches in portions only inside a transaction). It runs on a connection of its own, never in a
 * transaction of the caller's thread.
 */
record TableFingerprint(long rows, long low, long high) {

    /** Rows a page on H2: under {@code h2.maxMemoryRows} (20,000 with -Xmx512m). */
    private static final int PAGE = 5_000;

    static TableFingerprint of(JdbcTemplate jdbc, boolean postgres, String qualifiedTable, List<String> columns) {
        return of(jdbc, postgres, qualifiedTable, columns, PAGE);
    }

    /** With {@code pageRows} rows a page (a cursor's fetch size on PostgreSQL). */
    static TableFingerprint of(JdbcTemplate jdbc, boolean postgres, String qualifiedTable, List<String> columns,
                               int pageRows) {
        TableFingerprint sum = new TableFingerprint(0, 0, 0);
        for (Callable<TableFingerprint> part : parts(jdbc, postgres, qualifiedTable, columns, 1, pageRows)) {
            try {
                sum = sum.plus(part.call());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return sum;
    }

    /** The fingerprint of the rows of two tables, or of two parts of one: the counts and sums added. */
    TableFingerprint plus(TableFingerprint other) {
        return new TableFingerprint(rows + other.rows, low + other.low, high + other.high);
    }

    /**
     * The scan of a table in about {@code parts} parts that may run at once, each on a connection of its own, whose
     * fingerprints add up ({@link #plus}) to the table's: on H2 equal spans of its row keys (a replay's checks share
     * out their work among the cores in pieces, so that none is left scanning alone at the end — at 10^6 ledger
     * entries the word index's scan, 28 M rows, was one piece of 22–26 s and ran alone for its last 5 s; sixteenth
     * round in docs/benchmarks.md); on PostgreSQL one part, its cursor. The spans are taken when the part list is
     * made: nothing may write the table until the parts have run.
     */
    static List<Callable<TableFingerprint>> parts(JdbcTemplate jdbc, boolean postgres, String qualifiedTable,
                                                 List<String> columns, int parts) {
        return parts(jdbc, postgres, qualifiedTable, columns, parts, PAGE);
    }

    static List<Callable<TableFingerprint>> parts(JdbcTemplate jdbc, boolean postgres, String qualifiedTable,
                                                 List<String> columns, int parts, int pageRows) {
        if (postgres) {
            return List.of(() -> scanWithCursor(jdbc, qualifiedTable, columns, pageRows));
        }
        // The least and the greatest row key, each the first row of the table's row order (a lookup; H2 answers
        // min(_rowid_), max(_rowid_) by reading a whole index: 8.4 s for the word index at 10^6 entries).
        List<Long> least = outside(() -> jdbc.queryForList("select _rowid_ from " + qualifiedTable
                + " order by _rowid_ fetch first 1 rows only", Long.class));
        List<Long> greatest = outside(() -> jdbc.queryForList("select _rowid_ from " + qualifiedTable
                + " order by _rowid_ desc fetch first 1 rows only", Long.class));
        if (least.isEmpty() || greatest.isEmpty()) {
            return List.of(() -> new TableFingerprint(0, 0, 0));
        }
        // Spans (after, upTo] of the row keys from just below the least to the greatest, in equal steps.
        long first = least.get(0) - 1;
        long span = greatest.get(0) - first;
        int count = (int) Math.max(1, Math.min(parts, span));
        List<Callable<TableFingerprint>> scans = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long after = first + span / count * i + Math.min(i, span % count);
            long upTo = first + span / count * (i + 1) + Math.min(i + 1, span % count);
            scans.add(() -> scanPages(jdbc, qualifiedTable, columns, pageRows, after, upTo));
        }
        return scans;
    }

    private static TableFingerprint scanWithCursor(JdbcTemplate jdbc, String qualifiedTable, List<String> columns,
                                                   int pageRows) {
        return outside(() -> jdbc.execute((ConnectionCallback<TableFingerprint>) connection -> {
            Sum sum = new Sum();
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(pageRows);
                try (ResultSet rows = statement.executeQuery("select " + String.join(", ", columns) + " from "
                        + qualifiedTable)) {
                    while (rows.next()) {
                        sum.add(rows, 1, columns.size());
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
            return sum.fingerprint();
        }));
    }

    /** The rows with row keys in ({@code after}, {@code upTo}], a page at a time. */
    private static TableFingerprint scanPages(JdbcTemplate jdbc, String qualifiedTable, List<String> columns,
                                              int pageRows, long after, long upTo) {
        return outside(() -> {
            Sum sum = new Sum();
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
                    sum.add(rows, 2, columns.size());
                });
                if (read[0] < pageRows) {
                    return sum.fingerprint();
                }
            }
        });
    }

    private static <T> T outside(java.util.function.Supplier<T> scan) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a fingerprint scans on a connection of its own, outside any transaction");
        }
        return scan.get();
    }

    /**
     * The running count and sums of a scan, or of rows given one by one (a {@link
     * com.claimledger.ledger.projection.DerivedTable}'s): the same row read or given adds the same. Consecutive rows
     * often repeat a column's value (a claim's words share its id and time): its encoding is then reused, not made
     * again.
     */
    static final class Sum {
        private final Encoder row = new Encoder();
        private Object[] previous = new Object[0];
        private byte[][] previousBytes = new byte[0][];
        private long count;
        private long low;
        private long high;

        /** Adds the row at the result's cursor: {@code columns} columns from the {@code first}. */
        void add(ResultSet rows, int first, int columns) throws SQLException {
            begin(columns);
            for (int i = 0; i < columns; i++) {
                column(i, rows.getObject(first + i));
            }
            end();
        }

        /** Adds a row given as its columns' values. */
        void add(Object[] values) {
            begin(values.length);
            for (int i = 0; i < values.length; i++) {
                column(i, values[i]);
            }
            end();
        }

        private void begin(int columns) {
            if (previous.length != columns) {
                previous = new Object[columns];
                previousBytes = new byte[columns][];
            }
            row.reset();
        }

        private void column(int i, Object value) {
            if (value == null || value instanceof byte[]) {
                row.add(value);
                return;
            }
            if (!value.equals(previous[i])) {
                // A value met for the first time is encoded straight into the row (a word, in the word index: most
                // rows); one met again in the next row (its claim's id and time) is kept encoded from then on.
                previous[i] = value;
                previousBytes[i] = null;
                row.addText(value.toString());
                return;
            }
            if (previousBytes[i] == null) {
                previousBytes[i] = value.toString().getBytes(StandardCharsets.UTF_8);
            }
            row.add(previousBytes[i]);
        }

        private void end() {
            long[] hash = row.hash();
            low += hash[0];
            high += hash[1];
            count++;
        }

        TableFingerprint fingerprint() {
            return new TableFingerprint(count, low, high);
        }
    }

    /** One row's columns, each length-prefixed, in one reused buffer. */
    static final class Encoder {

        private byte[] bytes = new byte[512];
        private int length;

        void reset() {
            length = 0;
        }

        void add(Object value) {
            if (value == null) {
                putInt(-1);
                return;
            }
            byte[] text = value instanceof byte[] raw ? raw : value.toString().getBytes(StandardCharsets.UTF_8);
            putInt(text.length);
            ensure(text.length);
            System.arraycopy(text, 0, bytes, length, text.length);
            length += text.length;
        }

        /**
         * The same as {@link #add} of the text, without making its bytes first: written as they are while the
         * characters are ASCII (their UTF-8 bytes), and by {@link String#getBytes} otherwise.
         */
        void addText(String text) {
            int start = length;
            putInt(text.length());
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    length = start;
                    add(text.getBytes(StandardCharsets.UTF_8));
                    return;
                }
                bytes[length++] = (byte) c;
            }
        }

        long[] hash() {
            return MurmurHash3.hash128x64(bytes, 0, length, 0);
        }

        private void putInt(int value) {
            ensure(4);
            bytes[length++] = (byte) (value >>> 24);
            bytes[length++] = (byte) (value >>> 16);
            bytes[length++] = (byte) (value >>> 8);
            bytes[length++] = (byte) value;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
