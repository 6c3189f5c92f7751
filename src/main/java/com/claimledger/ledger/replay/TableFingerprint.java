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
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a fingerprint scans on a connection of its own, outside any transaction");
        }
        Sum sum = new Sum();
        if (postgres) {
            jdbc.execute((ConnectionCallback<Void>) connection -> {
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
                return null;
            });
            return sum.fingerprint();
        }
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        String page = "select _rowid_, " + String.join(", ", columns) + " from " + qualifiedTable
                + " where _rowid_ > :after order by _rowid_ fetch first " + pageRows + " rows only";
        long after = Long.MIN_VALUE;
        while (true) {
            long[] last = {after};
            int[] read = {0};
            named.query(page, new MapSqlParameterSource("after", after), rows -> {
                last[0] = rows.getLong(1);
                read[0]++;
                sum.add(rows, 2, columns.size());
            });
            if (read[0] < pageRows) {
                return sum.fingerprint();
            }
            after = last[0];
        }
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
