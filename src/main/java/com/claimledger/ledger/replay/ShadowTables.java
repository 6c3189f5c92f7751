package com.claimledger.ledger.replay;

import com.claimledger.ledger.projection.DerivedTable;
import com.claimledger.ledger.projection.ProjectionGeneration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The projection tables' shadows in schema {@code replay} (migration V11), which a replay fills while readers keep
 * the projections of the default schema. The projections' handlers name no schema: within {@link #within}, the
 * transaction's connection looks names up in {@code replay} first and then in the default schema (where the tokens
 * stay), so the same handlers write either; so does the projections' dead-letter queue (V24), whose letters are part
 * of what a replay rebuilds and switches in.
 */
final class ShadowTables {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ShadowTables.class);

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final List<String> tables;

    private ShadowTables(JdbcTemplate jdbc, boolean postgres, List<String> tables) {
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.tables = tables;
    }

    static ShadowTables of(JdbcTemplate jdbc) {
        String product = jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName());
        List<String> tables = jdbc.queryForList("""
                        select table_name from information_schema.tables
                        where upper(table_schema) = 'REPLAY' order by table_name""", String.class)
                .stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        return new ShadowTables(jdbc, product != null && product.toLowerCase(Locale.ROOT).contains("postgres"), tables);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    List<String> tables() {
        return tables;
    }

    /** Empties every shadow table (outside any transaction: on H2, TRUNCATE commits). */
    void empty() {
        tables.forEach(table -> jdbc.execute("truncate table replay." + table));
    }

    /**
     * Runs {@code work} in the current transaction with unqualified names resolved in {@code replay} first. On
     * PostgreSQL the setting is the transaction's own ({@code SET LOCAL}); on H2 it is the session's, and is put back
     * before the connection returns to the pool.
     */
    <T> T within(Supplier<T> work) {
        if (postgres) {
            jdbc.execute("set local search_path to replay, public");
            return work.get();
        }
        jdbc.execute("set schema replay");
        jdbc.execute("set schema_search_path replay, public");
        try {
            T result = work.get();
            // JPA writes what it persisted (the dead-letter queue's letters) at its flush, by default at the commit:
            // it must write them while the names still resolve in the shadows.
            TransactionSynchronizationManager.getResourceMap().values().stream()
                    .filter(EntityManagerHolder.class::isInstance)
                    .forEach(holder -> ((EntityManagerHolder) holder).getEntityManager().flush());
            return result;
        } finally {
            jdbc.execute("set schema public");
            jdbc.execute("set schema_search_path public");
        }
    }

    /**
     * The projection tables, outside {@code leave}, that already hold exactly their shadow's rows (equal
     * {@link TableFingerprint}s), so that the switch can leave them as they are: {@link #check} of them alone, on two
     * threads.
     */
    Set<String> alreadyIn(Set<String> leave) {
        return check(leave, List.of(), 2).equal();
    }

    /** The derived tables not in line with the shadows: {@link #check} of them alone, on two threads. */
    List<DerivedTable> notInLine(List<DerivedTable> derived) {
        return check(Set.copyOf(tables), derived, 2).stale();
    }

    /**
     * What {@link #check} found: the projection tables already equal to their shadows, the derived tables not in line
     * with the shadows, and when (System.nanoTime) the last scan of each kind ended.
     */
    record Checked(Set<String> equal, List<DerivedTable> stale, long tablesChecked, long derivedChecked) {
    }

    /**
     * The checks before a replay's switch, in one: which projection tables outside {@code leave} already hold exactly
     * their shadow's rows (equal {@link TableFingerprint}s), so that the switch leaves them as they are; and which
     * {@link DerivedTable}s do not hold exactly the rows they derive from the shadows (schema {@code replay}) — their
     * fingerprint against that of the rows derived. The shadows hold what the switch leaves in the default schema,
     * whether it copies them there or finds them there. Run before the switch's transaction, while nothing writes any
     * of these tables (the projections' processors are stopped and the rebuild has ended).
     *
     * <p>All of it is cut into pieces — every scan into spans of row keys ({@link TableFingerprint#parts}), every
     * derivation into parts that share its work ({@link DerivedTable#derivation}) — which {@code threads} threads take
     * in turn, each on a connection of its own, the derived tables' first (the largest). The checks are bound by the
     * cores' CPU: as pieces, they keep every core busy to their end, where a scan of the word index in one piece ran on
     * alone for its last seconds (sixteenth round in docs/benchmarks.md).
     */
    Checked check(Set<String> leave, List<DerivedTable> derived, int threads) {
        return check(leave, derived, threads, Ahead.NONE);
    }

    /**
     * The same, with the derived tables' rows derived {@code ahead} from the live tables while the events were fed
     * ({@link #deriveAhead}): a derived table whose {@link DerivedTable#sources()} all turn out equal to their shadows
     * is compared with those rows, and only otherwise (or if the derivation ahead failed) with the rows derived from the
     * shadows, after the other checks. Its own scan is one of the checks either way.
     */
    Checked check(Set<String> leave, List<DerivedTable> derived, int threads, Ahead ahead) {
        int workers = Math.max(1, threads);
        int parts = workers * 4;
        List<Piece> pieces = new java.util.ArrayList<>();
        // The live tables' scans begun ahead: each piece's fingerprint awaited, after every piece of work here.
        List<Piece> awaited = new java.util.ArrayList<>();
        List<Tally[]> derivedPairs = new java.util.ArrayList<>();
        boolean liveAsScanned = ahead.liveUnchanged();
        if (!liveAsScanned) {
            log.info("live tables: a projection's token moved while the events were fed; their scans begun then are"
                    + " not used, they are scanned again");
            ahead.stopScans();
        }
        for (DerivedTable table : derived) {
            Tally wanted = new Tally("derived table " + table.table() + ": {} rows derived in {} s");
            Tally standing = new Tally("derived table " + table.table() + ": {} rows scanned in {} s");
            if (!ahead.covers(table)) {
                derive(table, "replay", workers, wanted, pieces);
            }
            liveSide(table.table(), table.columns(), standing, parts, liveAsScanned ? ahead : Ahead.NONE, pieces, awaited);
            derivedPairs.add(new Tally[] {wanted, standing});
        }
        List<Tally> tableTallies = new java.util.ArrayList<>();
        Map<String, Tally[]> tablePairs = new java.util.TreeMap<>();
        for (String table : tables) {
            if (leave.contains(table)) {
                continue;
            }
            List<String> columns = columns(table);
            Tally live = new Tally(null);
            liveSide(table, columns, live, parts, liveAsScanned ? ahead : Ahead.NONE, pieces, awaited);
            Tally shadowed = new Tally(null);
            List<Callable<TableFingerprint>> scans = TableFingerprint.parts(jdbc, postgres, "replay." + table, columns,
                    parts);
            scans.forEach(scan -> pieces.add(new Piece(shadowed, scan)));
            shadowed.expect(scans.size());
            tableTallies.add(live);
            tableTallies.add(shadowed);
            tablePairs.put(table, new Tally[] {live, shadowed});
        }
        pieces.addAll(awaited);
        run(pieces, workers);
        if (liveAsScanned && ahead.scans() > 0) {
            log.info("live tables: {} of {} pieces of their scans run while the events were fed", ahead.ranAhead(),
                    ahead.scans());
        }
        Set<String> equal = new java.util.TreeSet<>();
        tablePairs.forEach((table, pair) -> {
            if (pair[0].sum().equals(pair[1].sum())) {
                equal.add(table);
            }
        });
        // The derivations ahead: taken where every source is equal to its shadow, derived from the shadows otherwise.
        List<Piece> again = new java.util.ArrayList<>();
        for (int i = 0; i < derived.size(); i++) {
            DerivedTable table = derived.get(i);
            if (!ahead.covers(table)) {
                continue;
            }
            TableFingerprint early = ahead.await(table);
            if (early != null && equal.containsAll(table.sources())) {
                Tally wanted = new Tally(null);
                wanted.expect(1);
                wanted.add(early);
                derivedPairs.get(i)[0] = wanted;
            } else {
                log.info("derived table {}: derived from the shadows after all ({})", table.table(), early == null
                        ? "its derivation ahead failed" : "a source differs from its shadow");
                Tally wanted = new Tally("derived table " + table.table() + ": {} rows derived in {} s");
                derive(table, "replay", workers, wanted, again);
                derivedPairs.get(i)[0] = wanted;
            }
        }
        if (!again.isEmpty()) {
            run(again, workers);
        }
        List<Tally> derivedTallies = derivedPairs.stream().flatMap(java.util.Arrays::stream).toList();
        List<DerivedTable> stale = new java.util.ArrayList<>();
        for (int i = 0; i < derived.size(); i++) {
            if (!derivedPairs.get(i)[0].sum().equals(derivedPairs.get(i)[1].sum())) {
                stale.add(derived.get(i));
            }
        }
        return new Checked(equal, stale, Tally.lastEnded(tableTallies), Tally.lastEnded(derivedTallies));
    }

    /** Adds the pieces of {@code table}'s derivation from schema {@code sources} to {@code pieces}, counted by {@code wanted}. */
    private static void derive(DerivedTable table, String sources, int workers, Tally wanted, List<Piece> pieces) {
        List<DerivedTable.Part> derivation = table.derivation(sources, workers);
        derivation.forEach(part -> pieces.add(new Piece(wanted, () -> {
            TableFingerprint.Sum rows = new TableFingerprint.Sum();
            part.give(rows::add);
            return rows.fingerprint();
        })));
        wanted.expect(derivation.size());
    }

    /**
     * The pieces of the scan of live table {@code table}'s rows, counted by {@code tally}: those {@code ahead} has not
     * begun yet are run by the checks ({@code pieces}); those it has are awaited ({@code awaited}); a table it does not
     * scan, the checks scan whole.
     */
    private void liveSide(String table, List<String> columns, Tally tally, int parts, Ahead ahead, List<Piece> pieces,
                          List<Piece> awaited) {
        List<LiveScan> early = ahead.scansOf(table);
        if (early.isEmpty()) {
            List<Callable<TableFingerprint>> scans = TableFingerprint.parts(jdbc, postgres, "public." + table, columns,
                    parts);
            scans.forEach(scan -> pieces.add(new Piece(tally, scan)));
            tally.expect(scans.size());
            return;
        }
        tally.expect(early.size());
        for (LiveScan scan : early) {
            if (scan.claim()) {
                pieces.add(new Piece(tally, scan::run));
            } else {
                awaited.add(new Piece(tally, scan::awaited));
            }
        }
    }

    /**
     * A piece of a live table's scan, begun either ahead (while the events are fed) or by the checks, whichever claims
     * it first; its fingerprint is kept for the other.
     */
    static final class LiveScan {
        private final String table;
        private final Callable<TableFingerprint> scan;
        private final java.util.concurrent.atomic.AtomicBoolean begun = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.CompletableFuture<TableFingerprint> result =
                new java.util.concurrent.CompletableFuture<>();

        LiveScan(String table, Callable<TableFingerprint> scan) {
            this.table = table;
            this.scan = scan;
        }

        /** True once, for whoever runs the piece. */
        boolean claim() {
            return begun.compareAndSet(false, true);
        }

        TableFingerprint run() throws Exception {
            try {
                TableFingerprint fingerprint = scan.call();
                result.complete(fingerprint);
                return fingerprint;
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
                throw e;
            }
        }

        /** The fingerprint of the piece run ahead, once it has ended; scanned again if it failed there. */
        TableFingerprint awaited() throws Exception {
            try {
                return result.get();
            } catch (ExecutionException e) {
                return scan.call();
            }
        }
    }

    /**
     * Begins the derivation of every derived table's rows from the live tables (the default schema), on a thread and a
     * connection of its own, to be compared with the table by {@link #check} in place of a derivation from the shadows
     * once those hold the same rows as the live tables. Called when a replay begins to feed the events: nothing writes
     * the live projections until its switch (their processors are stopped, a retry of the dead letters waits), and the
     * feeding leaves the second core mostly idle — at 10^6 entries the derivation was a third of the checks after the
     * feeding (seventeenth round in docs/benchmarks.md).
     */
    Ahead deriveAhead(List<DerivedTable> derived) {
        return derived.isEmpty() ? Ahead.NONE : new Ahead(derived, List.of(), () -> true);
    }

    /**
     * {@link #deriveAhead}, and then, on the same thread, the scans of the live side of every check (each live
     * projection table's rows and each derived table's, in the pieces {@link #check} on {@code threads} threads would
     * cut them into): the live tables hold still until the switch, so their side of the checks need not wait for the
     * events to be fed. At 10^6 entries the derivations took some 17 s of the second core while the first fed the
     * events for 28–32 s, and the live side was most of the 13 s of checks after the feeding (twenty-fifth round in
     * docs/benchmarks.md). What holds the live tables still is that no projection handles an event until the switch
     * (this node's processors are stopped, other nodes' paused by the lease, the dead letters' retry refused): every
     * projection write moves a token of {@code processors}, so the checks use what was scanned ahead only if no token
     * moved since it began ({@link Ahead#liveUnchanged}).
     */
    Ahead ahead(List<DerivedTable> derived, List<String> processors, int threads) {
        int parts = Math.max(1, threads) * 4;
        Map<String, String> tokens = tokens(processors);
        List<LiveScan> scans = new java.util.ArrayList<>();
        Set<String> derivedTables = new java.util.HashSet<>();
        for (DerivedTable table : derived) {
            derivedTables.add(table.table());
            TableFingerprint.parts(jdbc, postgres, "public." + table.table(), table.columns(), parts)
                    .forEach(scan -> scans.add(new LiveScan(table.table(), scan)));
        }
        for (String table : tables) {
            if (!derivedTables.contains(table)) {
                TableFingerprint.parts(jdbc, postgres, "public." + table, columns(table), parts)
                        .forEach(scan -> scans.add(new LiveScan(table, scan)));
            }
        }
        return new Ahead(derived, scans, () -> tokens.equals(tokens(processors)));
    }

    /** The tokens of these processors, each segment's, as stored (hex); none if none are named. */
    private Map<String, String> tokens(List<String> processors) {
        Map<String, String> tokens = new java.util.TreeMap<>();
        if (!processors.isEmpty()) {
            new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc).query(
                    "select processor_name, segment, token from token_entry where processor_name in (:processors)",
                    Map.of("processors", processors), rs -> {
                        byte[] token = rs.getBytes("token");
                        tokens.put(rs.getString("processor_name") + "/" + rs.getInt("segment"),
                                token == null ? "" : java.util.HexFormat.of().formatHex(token));
                    });
        }
        return tokens;
    }

    /**
     * Derivations begun ahead ({@link #deriveAhead}), one after the other on one thread. Closing it stops a derivation
     * still running at its next row — never by interrupting it: an interrupt inside a file read would close H2's file
     * channel — and waits for its end.
     */
    static class Ahead implements AutoCloseable {

        static final Ahead NONE = new Ahead();

        private final Map<DerivedTable, java.util.concurrent.CompletableFuture<TableFingerprint>> derivations =
                new java.util.LinkedHashMap<>();
        private final List<LiveScan> scans;
        private final java.util.function.BooleanSupplier unchanged;
        private final java.util.concurrent.atomic.AtomicInteger ranAhead = new java.util.concurrent.atomic.AtomicInteger();
        private final Thread thread;
        private volatile boolean stopped;
        private volatile boolean scansStopped;

        private Ahead() {
            scans = List.of();
            unchanged = () -> true;
            thread = null;
        }

        private Ahead(List<DerivedTable> derived, List<LiveScan> scans, java.util.function.BooleanSupplier unchanged) {
            derived.forEach(table -> derivations.put(table, new java.util.concurrent.CompletableFuture<>()));
            this.scans = scans;
            this.unchanged = unchanged;
            thread = new Thread(() -> {
                deriveAll();
                scanAll();
            }, "replay-derive-ahead");
            thread.setDaemon(true);
            thread.start();
        }

        /** The live scans' pieces in turn, those the checks have not claimed, until stopped. */
        private void scanAll() {
            for (LiveScan scan : scans) {
                if (stopped || scansStopped) {
                    return;
                }
                if (scan.claim()) {
                    try {
                        scan.run();
                        ranAhead.incrementAndGet();
                    } catch (Exception e) {
                        log.warn("live table {}: a piece of its scan ahead failed (the checks scan it again): {}",
                                scan.table, e.toString());
                    }
                }
            }
        }

        /** The pieces of a live table's scan begun or to begin ahead; none if it is not scanned ahead. */
        List<LiveScan> scansOf(String table) {
            return scans.stream().filter(scan -> scan.table.equals(table)).toList();
        }

        /** How many pieces of the live tables' scans there are ahead, and how many ran ahead so far. */
        int scans() {
            return scans.size();
        }

        int ranAhead() {
            return ranAhead.get();
        }

        /** No projection's token moved since the scans ahead began: what they read is what the live tables hold. */
        boolean liveUnchanged() {
            return scans.isEmpty() || unchanged.getAsBoolean();
        }

        /** No further piece of the live scans begins ahead (one running ends by itself). */
        void stopScans() {
            scansStopped = true;
        }

        private void deriveAll() {
            derivations.forEach((table, result) -> {
                long started = System.nanoTime();
                try {
                    TableFingerprint.Sum rows = new TableFingerprint.Sum();
                    table.derive("public", row -> {
                        if (stopped) {
                            throw new IllegalStateException("stopped: the replay ended");
                        }
                        rows.add(row);
                    });
                    TableFingerprint fingerprint = rows.fingerprint();
                    log.info("derived table {}: {} rows derived from the live tables while the events were fed, in {} s",
                            table.table(), fingerprint.rows(), seconds(System.nanoTime() - started));
                    result.complete(fingerprint);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        }

        boolean covers(DerivedTable table) {
            return derivations.containsKey(table);
        }

        /** The rows' fingerprint, once derived; null if the derivation failed or was stopped. */
        TableFingerprint await(DerivedTable table) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return derivations.get(table).get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (java.util.concurrent.CancellationException e) {
                        return null;
                    } catch (java.util.concurrent.ExecutionException e) {
                        log.warn("derived table {}: the derivation ahead failed: {}", table.table(), e.getCause().toString());
                        return null;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            if (thread == null) {
                return;
            }
            stopped = true;
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs the pieces on {@code threads} threads, in the order given, to their end. After a piece fails, those not yet
     * begun are skipped and those running end by themselves — never interrupted: an interrupt inside a file read would
     * close H2's file channel — and only then does the failure reach the caller, who may empty the shadows next.
     */
    private static void run(List<Piece> pieces, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "replay-check");
            thread.setDaemon(true);
            return thread;
        });
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            List<Future<?>> running = new java.util.ArrayList<>();
            for (Piece piece : pieces) {
                running.add(pool.submit(() -> {
                    if (failure.get() != null) {
                        return;
                    }
                    try {
                        piece.tally().add(piece.scan().call());
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            for (Future<?> piece : running) {
                try {
                    piece.get();
                } catch (InterruptedException e) {
                    failure.compareAndSet(null, e);
                    Thread.currentThread().interrupt();
                    pool.shutdown();
                    awaitQuietly(running);
                    throw new IllegalStateException("replay interrupted", e);
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, e.getCause());
                }
            }
        } finally {
            pool.shutdown();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("could not check the projection tables against their shadows",
                    failure.get());
        }
    }

    /** Waits, uninterruptibly, for pieces already begun to end (those not yet begun skip themselves). */
    private static void awaitQuietly(List<Future<?>> running) {
        boolean interrupted = Thread.interrupted();
        for (Future<?> piece : running) {
            while (true) {
                try {
                    piece.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A piece of the checks: a scan or a derivation's part, and the tally its fingerprint adds to. */
    private record Piece(Tally tally, Callable<TableFingerprint> scan) {
    }

    /** The fingerprints of one table's pieces, added up as they end; logged (if it has a message) once all have. */
    private static final class Tally {
        private final String message;
        private final long started = System.nanoTime();
        private TableFingerprint sum = new TableFingerprint(0, 0, 0);
        private int left;
        private long ended;

        Tally(String message) {
            this.message = message;
        }

        synchronized void expect(int pieces) {
            left = pieces;
            ended = pieces == 0 ? System.nanoTime() : 0;
        }

        synchronized void add(TableFingerprint piece) {
            sum = sum.plus(piece);
            if (--left == 0) {
                ended = System.nanoTime();
                if (message != null) {
                    log.info(message, sum.rows(), seconds(ended - started));
                }
            }
        }

        synchronized TableFingerprint sum() {
            return sum;
        }

        synchronized long ended() {
            return ended;
        }

        static long lastEnded(List<Tally> tallies) {
            return tallies.stream().mapToLong(Tally::ended).max().orElse(System.nanoTime());
        }
    }

    /**
     * In the current transaction: every projection table outside {@code leave} takes its shadow's rows. Only what
     * differs is written — a replay mostly reproduces the rows it finds (the checksum stays equal), so the switch
     * deletes the rows the rebuild did not produce and inserts those it produced anew, keyed by primary key and
     * compared column by column. The transaction is as large as the difference, not as the projections. The tables in
     * {@code leave} — the {@link com.claimledger.ledger.projection.DerivedTable}s, whose shadows stay empty, and those
     * {@link #alreadyIn} found equal — are left as they are. Every projection's {@link ProjectionGeneration} changes
     * with them.
     */
    void switchIn(Set<String> leave) {
        for (String table : tables) {
            if (leave.contains(table)) {
                continue;
            }
            List<String> columns = columns(table);
            List<String> keys = jdbc.queryForList("""
                    select lower(k.column_name) from information_schema.table_constraints c
                    join information_schema.key_column_usage k on k.constraint_schema = c.constraint_schema
                         and k.constraint_name = c.constraint_name and k.table_name = c.table_name
                    where upper(c.table_schema) = 'REPLAY' and lower(c.table_name) = ?
                      and c.constraint_type = 'PRIMARY KEY' order by k.ordinal_position""", String.class, table);
            jdbc.update("delete from public." + table + " p where not exists (select 1 from replay." + table
                    + " r where " + same(keys, columns) + ")");
            jdbc.update("insert into public." + table + " (" + String.join(", ", columns) + ") select "
                    + String.join(", ", columns.stream().map(column -> "r." + column).toList()) + " from replay."
                    + table + " r where not exists (select 1 from public." + table + " p where " + same(keys, columns)
                    + ")");
        }
        // Any row may have changed: what a node keeps of a projection in memory is checked by its generation.
        ProjectionGeneration.changeAll(jdbc);
    }

    /** A shadow table's columns, in table order (the same names as its projection table's: ReplaySchemaTest). */
    private List<String> columns(String table) {
        return jdbc.queryForList("""
                select lower(column_name) from information_schema.columns
                where upper(table_schema) = 'REPLAY' and lower(table_name) = ? order by ordinal_position""",
                String.class, table);
    }

    /** Rows p and r are the same: equal keys (never null), and every other column equal or both null. */
    private static String same(List<String> keys, List<String> columns) {
        List<String> conditions = new java.util.ArrayList<>();
        keys.forEach(key -> conditions.add("r." + key + " = p." + key));
        columns.stream().filter(column -> !keys.contains(column))
                .forEach(column -> conditions.add("r." + column + " is not distinct from p." + column));
        return String.join(" and ", conditions);
    }
}
