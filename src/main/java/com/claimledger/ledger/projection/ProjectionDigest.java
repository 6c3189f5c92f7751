package com.claimledger.ledger.projection;

import com.claimledger.kernel.Background;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A canonical digest of projection tables. Each row's canonical dump — every column in table order, its value's text,
 * {@code U+001F} between values, {@code U+2400} for a null — is hashed with SHA-256, and a table's rows are summed as
 * a set: their count and their hashes added modulo 2^256. A projection's digest is the SHA-256 of its tables' names,
 * counts and sums in a fixed order. Two projections built from the same ledger have the same digest; a row added,
 * removed or changed changes it.
 *
 * <p>Summed, the rows need no order: they are read as they are stored, in parts on every core ({@link TableScan}),
 * not in primary-key order through an index and a sort — which at 10^6 entries (28 million rows of the search's word
 * index) took 80–113 s, most of it H2 writing the ordered result to a temporary file and fetching each row by its
 * key (twenty-sixth round in docs/benchmarks.md). The sum is no defence against someone choosing rows to collide (the
 * ledger's integrity is its Merkle tree, not this); it tells a rebuilt projection from the one it replaces.
 */
public final class ProjectionDigest {

    /**
     * One projection's contribution to {@code GET /api/views/checksum}, or why it could not be made ({@code failure}):
     * scatter-gather leaves out a handler that throws, so a digest that fails answers with its failure instead.
     */
    public record Part(String projection, String sha256, String failure) {

        public Part(String projection, String sha256) {
            this(projection, sha256, null);
        }
    }

    /** Asked of every projection at once (scatter-gather); each answers with its {@link Part}. */
    public record Ask() {
    }

    /** A projection table, by name. */
    public record Table(String name, Set<String> omitted) {

        public Table(String name) {
            this(name, Set.of());
        }

        /**
         * A table whose {@code omitted} columns (lower case) are left out of its rows' dump: columns that say how to
         * read the others, not what the ledger holds — such a column may lag its facts for a moment (the mark of a
         * claim that made links: {@code claim_view.makes_links}), where a replay sets it at once.
         */
        public Table {
            omitted = Set.copyOf(omitted);
        }
    }

    /** Rows a page on H2: under {@code h2.maxMemoryRows} (20,000 with -Xmx512m). */
    private static final int PAGE = 5_000;

    private ProjectionDigest() {
    }

    public static Part of(String projection, JdbcTemplate jdbc, List<Table> tables) {
        try {
            return digest(projection, jdbc, tables);
        } catch (RuntimeException e) {
            return new Part(projection, null, e.toString());
        }
    }

    private static Part digest(String projection, JdbcTemplate jdbc, List<Table> tables) {
        int cores = Runtime.getRuntime().availableProcessors();
        boolean postgres = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")));
        ExecutorService scans = Executors.newFixedThreadPool(cores);
        List<Future<?>> submitted = new ArrayList<>();
        try {
            // The parts are cut on a thread of the pool too: a query handler may run in a transaction, and a scan
            // reads outside any (TableScan).
            List<List<Callable<RowSum>>> cut = scans.submit(() -> {
                List<List<Callable<RowSum>>> tableParts = new ArrayList<>();
                for (Table table : tables) {
                    tableParts.add(TableScan.parts(jdbc, postgres, table.name(), columns(jdbc, table), cores * 2, PAGE,
                            RowSum::new));
                }
                return tableParts;
            }).get();
            List<List<Future<RowSum>>> parts = new ArrayList<>();
            for (List<Callable<RowSum>> tableParts : cut) {
                List<Future<RowSum>> futures = new ArrayList<>();
                for (Callable<RowSum> part : tableParts) {
                    Future<RowSum> future = scans.submit(part);
                    futures.add(future);
                    submitted.add(future);
                }
                parts.add(futures);
            }
            MessageDigest digest = sha256();
            for (int t = 0; t < tables.size(); t++) {
                RowSum sum = new RowSum();
                for (Future<RowSum> part : parts.get(t)) {
                    sum.plus(part.get());
                }
                digest.update(("table " + tables.get(t).name() + "\n" + sum.count + " " + sum.hex() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return new Part(projection, HexFormat.of().formatHex(digest.digest()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the digest of " + projection + " was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            // A part failed or all are done: the parts not started are dropped, those under way end on their own —
            // never interrupted, as an interrupt in a read of H2's file closes the database under every thread
            // (Background).
            submitted.forEach(future -> future.cancel(false));
            Background.stop(scans, Duration.ofSeconds(30), "the digest's scans of " + projection);
        }
    }

    public static String combine(List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalStateException("no projection answered with its digest");
        }
        for (Part part : parts) {
            if (part.failure() != null) {
                throw new IllegalStateException("the digest of " + part.projection() + " failed: " + part.failure());
            }
        }
        MessageDigest digest = sha256();
        parts.stream().sorted(Comparator.comparing(Part::projection))
                .forEach(part -> digest.update((part.projection() + " " + part.sha256() + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The table's columns in table order. */
    private static List<String> columns(JdbcTemplate jdbc, Table table) {
        return jdbc.query("select * from " + table.name() + " where 1 = 0", rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (!table.omitted().contains(meta.getColumnName(i).toLowerCase(Locale.ROOT))) {
                    columns.add(meta.getColumnName(i));
                }
            }
            return columns;
        });
    }

    /** The count of rows and the sum of their SHA-256 hashes modulo 2^256, as four 64-bit words, most significant first. */
    static final class RowSum implements TableScan.Rows<RowSum> {

        private final MessageDigest sha256 = sha256();
        private final long[] sum = new long[4];
        private long count;

        @Override
        public void add(ResultSet rows, int first, int columns) throws SQLException {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                Object value = rows.getObject(first + i);
                row.append(i > 0 ? "\u001f" : "").append(value == null ? "\u2400" : value.toString());
            }
            add(sha256.digest(row.append('\n').toString().getBytes(StandardCharsets.UTF_8)));
        }

        void add(byte[] hash) {
            long[] words = new long[4];
            for (int i = 0; i < 32; i++) {
                words[i / 8] = (words[i / 8] << 8) | (hash[i] & 0xFF);
            }
            add(words, 1);
        }

        void plus(RowSum other) {
            add(other.sum, other.count);
        }

        private void add(long[] words, long rows) {
            long carry = 0;
            for (int i = 3; i >= 0; i--) {
                long before = sum[i];
                long added = before + words[i];
                long total = added + carry;
                carry = (Long.compareUnsigned(added, before) < 0 ? 1 : 0) + (Long.compareUnsigned(total, added) < 0 ? 1 : 0);
                sum[i] = total;
            }
            count += rows;
        }

        String hex() {
            StringBuilder hex = new StringBuilder();
            for (long word : sum) {
                hex.append(String.format("%016x", word));
            }
            return hex.toString();
        }

        @Override
        public RowSum result() {
            return this;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
