package com.claimledger.ledger.config;

import com.claimledger.kernel.Background;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * H2's housekeeping of its file, which {@code WRITE_DELAY=0} switches off. H2 rewrites the live pages of sparse chunks
 * from its background writer thread, and that thread runs only with a write delay above zero; the ledger keeps the
 * delay at zero so that every acknowledged commit is in the file. Without the housekeeping each commit's copy-on-write
 * chunk stays in the file however little of it is still live: measured at 10^5 claims, some 40 KiB of file a claim
 * event, and more as the trees deepen (docs/benchmarks.md). This runs the same compaction — H2's public
 * {@link MVStore#compact(int, int)}, which H2 itself runs concurrently with commits — on a timer of its own, so that
 * freed space is used again instead of the file growing.
 * <p>
 * Only for an embedded H2 file database; in memory, on PostgreSQL, or with {@code ledger.h2.housekeeping-interval=0},
 * it does nothing.
 */
@Component
public class H2Housekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    /**
     * The largest write buffer H2 keeps for reuse ({@code FileStore.releaseWriteBuffer}, H2 2.3). The pages a round
     * rewrites go to disk with the next commit, as one chunk serialised into such a buffer: a round that writes more
     * makes H2 allocate a new buffer, growing from 1 MiB by half again each step, for every such chunk — on a heap of
     * 512 MiB (G1 regions of 1 MiB) each step a humongous allocation, and each of those may start a concurrent cycle.
     */
    static final int REUSED_WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

    private final DataSource dataSource;
    private final Duration interval;
    private final int fillRate;
    private final int writeBytes;
    private final int heldBackGrowthPercent;
    private final AtomicInteger holders = new AtomicInteger();
    private volatile long heldBackAtBytes;
    private ScheduledExecutorService timer;
    private final Duration reportEvery;
    /** What the rounds did since the last report; only the timer's thread (or a test calling compact) touches it. */
    private Rounds rounds = new Rounds(0, 0, 0);
    /** Every round since the start, for the metrics ({@link H2HousekeepingMetrics}). */
    private final AtomicLong roundsRun = new AtomicLong();
    private final AtomicLong roundsRewrote = new AtomicLong();
    private final AtomicLong roundsNanos = new AtomicLong();
    private long roundsSinceNanos = System.nanoTime();

    H2Housekeeping(DataSource dataSource,
                   @Value("${ledger.h2.housekeeping-interval:250ms}") Duration interval,
                   @Value("${ledger.h2.compact-fill-rate:50}") int fillRate,
                   @Value("${ledger.h2.compact-write-kb:2048}") int writeKb,
                   @Value("${ledger.h2.held-back-growth-percent:25}") int heldBackGrowthPercent,
                   @Value("${ledger.h2.housekeeping-report:60s}") Duration reportEvery) {
        this.dataSource = dataSource;
        this.reportEvery = reportEvery;
        this.interval = interval;
        this.fillRate = fillRate;
        this.writeBytes = writeKb * 1024;
        this.heldBackGrowthPercent = Math.max(0, heldBackGrowthPercent);
    }

    /** What {@link #holdBack()} returns: closing it lets the rounds run again. */
    public interface HeldBack extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Holds the rounds back until the returned handle is closed — while a replay rebuilds and compares (its shadow
     * tables' writes are churn that the switch and the truncation after it free anyway, and the rounds would take a
     * third of a core from it: docs/benchmarks.md, thirteenth round) — unless the file grows by more than
     * {@code ledger.h2.held-back-growth-percent} (25) of its size when held back: then the rounds run as usual, so
     * that no replay lets the file grow without bound. Nothing is lost by holding back: a round only moves live pages
     * out of sparse chunks.
     */
    public HeldBack holdBack() {
        if (holders.getAndIncrement() == 0) {
            MVStore store = store();
            heldBackAtBytes = store == null || store.isClosed() ? 0 : store.getFileStore().size();
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                holders.decrementAndGet();
            }
        };
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative() || store() == null) {
            return;
        }
        if (writeBytes > REUSED_WRITE_BUFFER_BYTES / 2) {
            // Headroom for the inner pages and the commit's own changes that share the chunk.
            log.warn("ledger.h2.compact-write-kb={} lets a round's chunk outgrow the {} KiB write buffer H2 reuses:"
                    + " more rounds of at most {} KiB keep the same pace without a new buffer each time",
                    writeBytes / 1024, REUSED_WRITE_BUFFER_BYTES / 1024, REUSED_WRITE_BUFFER_BYTES / 2048);
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "h2-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::compact, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Rewrites sparse chunks until their fill rate reaches the target (H2 does nothing when it already has). */
    void compact() {
        long start = System.nanoTime();
        MVStore store = null;
        boolean rewrote = false;
        try {
            store = store();
            if (store != null && !store.isClosed() && !heldBack(store)) {
                rewrote = store.compact(fillRate, writeBytes);
            }
        } catch (RuntimeException e) {
            // A failed round leaves the file as it was (H2 rewrites into new chunks first); the next round tries again.
            log.warn("H2 housekeeping round failed: {}", e.toString());
        }
        long end = System.nanoTime();
        rounds = rounds.and(rewrote, end - start);
        roundsRun.incrementAndGet();
        roundsNanos.addAndGet(end - start);
        if (rewrote) {
            roundsRewrote.incrementAndGet();
        }
        if (end - roundsSinceNanos >= reportEvery.toNanos()) {
            report(store, Duration.ofNanos(end - roundsSinceNanos)).ifPresent(log::info);
            rounds = new Rounds(0, 0, 0);
            roundsSinceNanos = end;
        }
    }

    /**
     * What the rounds did over the last {@code window}, if any of them rewrote chunks: how many, and how long they
     * took of the timer's thread — a file that needs compacting for minutes after a large import takes that share of
     * a core from the node's requests, which the log should show (docs/benchmarks.md, thirty-first round). Nothing
     * when no round rewrote: an idle file's rounds only look at the chunks' fill rates.
     */
    Optional<String> report(MVStore store, Duration window) {
        Rounds done = rounds;
        if (done.rewrote() == 0) {
            return Optional.empty();
        }
        String file = store == null || store.isClosed() ? "" : String.format(Locale.ROOT,
                "; the file %,d MiB, its chunks %d%% live", store.getFileStore().size() >> 20,
                store.getFileStore().getChunksFillRate());
        return Optional.of(String.format(Locale.ROOT,
                "H2 housekeeping: %d of %d rounds in the last %d s rewrote sparse chunks, %.1f s of the rounds' thread"
                        + " (%.0f%% of one core)%s", done.rewrote(), done.count(), window.toSeconds(),
                done.nanos() / 1e9, 100.0 * done.nanos() / Math.max(1, window.toNanos()), file));
    }

    /** Rounds run since the start. */
    long roundsRun() {
        return roundsRun.get();
    }

    /** Rounds since the start that rewrote chunks. */
    long roundsRewrote() {
        return roundsRewrote.get();
    }

    /** The time every round since the start took of the rounds' thread, in seconds. */
    double roundsSeconds() {
        return roundsNanos.get() / 1e9;
    }

    /** Rounds run, rounds that rewrote chunks, and the time they took. */
    record Rounds(int count, int rewrote, long nanos) {
        Rounds and(boolean rewroteChunks, long tookNanos) {
            return new Rounds(count + 1, rewrote + (rewroteChunks ? 1 : 0), nanos + tookNanos);
        }
    }

    private boolean heldBack(MVStore store) {
        return holders.get() > 0
                && store.getFileStore().size() <= heldBackAtBytes + heldBackAtBytes / 100 * heldBackGrowthPercent;
    }

    /** The embedded database's store, or null for any other database. */
    MVStore store() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return null;
            }
            if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                    && session.getDatabase().getStore() != null) {
                MVStore store = session.getDatabase().getStore().getMvStore();
                // An in-memory database has no file to keep.
                return store.getFileStore() == null ? null : store;
            }
            return null;
        } catch (SQLException e) {
            log.warn("H2 housekeeping could not reach the database: {}", e.toString());
            return null;
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            // A round writes at most compact-write-kb; interrupted inside a file read it would close the database.
            Background.stop(timer, Duration.ofSeconds(30), "H2 housekeeping");
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** Stops before the data source closes (beans stop in descending phase order; the pool closes after all). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
