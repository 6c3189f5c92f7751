package com.claimledger.ledger.replay;

import org.apache.commons.codec.digest.MurmurHash3;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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
 * <p>The scan streams: on H2 as a lazy query (H2 otherwise keeps a result's rows beyond {@code h2.maxMemoryRows} in a
 * temporary file), on PostgreSQL through a cursor (its driver fetches in portions only inside a transaction). It runs
 * on a connection of its own, never in a transaction of the caller's thread.
 */
record TableFingerprint(long rows, long low, long high) {

    private static final int FETCH = 1000;

    static TableFingerprint of(JdbcTemplate jdbc, boolean postgres, String qualifiedTable, List<String> columns) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a fingerprint scans on a connection of its own, outside any transaction");
        }
        String sql = "select " + String.join(", ", columns) + " from " + qualifiedTable;
        return jdbc.execute((ConnectionCallback<TableFingerprint>) connection -> {
            boolean autoCommit = connection.getAutoCommit();
            if (postgres) {
                connection.setAutoCommit(false);
            } else {
                execute(connection, "set lazy_query_execution true");
            }
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(FETCH);
                try (ResultSet rows = statement.executeQuery(sql)) {
                    return scan(rows, columns.size());
                }
            } finally {
                if (postgres) {
                    connection.rollback();
                    connection.setAutoCommit(autoCommit);
                } else {
                    execute(connection, "set lazy_query_execution false");
                }
            }
        });
    }

    private static TableFingerprint scan(ResultSet rows, int columns) throws SQLException {
        Encoder row = new Encoder();
        long count = 0;
        long low = 0;
        long high = 0;
        while (rows.next()) {
            row.reset();
            for (int i = 1; i <= columns; i++) {
                row.add(rows.getObject(i));
            }
            long[] hash = row.hash();
            low += hash[0];
            high += hash[1];
            count++;
        }
        return new TableFingerprint(count, low, high);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
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
