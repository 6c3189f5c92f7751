package com.claimledger.claims.query;

import com.claimledger.kernel.Background;
import com.claimledger.ledger.projection.Rebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which claims have made a link — disputed or corroborated another claim — marked on the maker's own row
 * ({@code claim_view.makes_links}, V30), so that a page of claims looks up the links made by the claims that made
 * some, not by every claim on it (at 10^5 entries those lookups were 22% of a search's samples and 16% of a current
 * view's: docs/benchmarks.md, forty-third round).
 *
 * <p>A link is an event of the other claim, which the projection's segments may handle before or while they handle
 * the maker's recording: in the link's transaction the maker's row may not be there yet (an update finds none, and the
 * recording's insert does not see the uncommitted link), and updating it there would lock a row of the other segment's
 * — two segments' batches each waiting on the other's. So the link's transaction writes a pending mark
 * ({@code claim_maker_pending}), and after its commit a sweep of its own, on a thread of this component's, marks each
 * pending maker whose row is there and removes its pending rows, many makers a transaction, each row taken only if no
 * other transaction holds it (no transaction of the sweep's waits for a row while it holds another). Every link is
 * thus on its maker's row or pending, in whatever state a reader sees; {@link #pending} is what a reader adds to the
 * marks. A maker whose row is not there yet is swept again later, at
 * growing intervals. A replay feeds every event in order on one thread, the maker's recording always before its links
 * (a link names a claim already recorded): it marks the row at once.
 */
@Component
class LinkMakers {

    private static final Logger log = LoggerFactory.getLogger(LinkMakers.class);

    /** The first wait before a maker whose row was not there is swept again; doubled each time, up to the longest. */
    static final Duration FIRST_RETRY = Duration.ofMillis(100);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(1);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    /** Where sweeps run; none: at once, on the caller's thread (a projection driven without transactions, in tests). */
    private final ScheduledExecutorService sweeper;
    private final AtomicBoolean sweepAsked = new AtomicBoolean();
    private volatile Duration retry = FIRST_RETRY;

    @Autowired
    LinkMakers(NamedParameterJdbcTemplate jdbc, DataSource dataSource) {
        // A ScheduledThreadPoolExecutor itself, not Executors' wrapper: its stop drops a retry scheduled ahead (Background).
        this(jdbc, dataSource, new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "claim-link-makers");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /** Sweeping on {@code sweeper}; none: at once, on the caller's thread. */
    LinkMakers(NamedParameterJdbcTemplate jdbc, DataSource dataSource, ScheduledExecutorService sweeper) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.sweeper = sweeper;
    }

    /** Sweeping at once on the caller's thread, for a projection whose handlers are called without transactions. */
    static LinkMakers sweepingAtOnce(NamedParameterJdbcTemplate jdbc) {
        return new LinkMakers(jdbc, jdbc.getJdbcTemplate().getDataSource(), null);
    }

    /** The claim {@code byClaimId} made a link to {@code claimId}, by the latter's event of sequence number {@code version}. */
    void made(String claimId, long version, String byClaimId) {
        if (Rebuild.inProgress()) {
            jdbc.update("update claim_view set makes_links = true where claim_id = :by and not makes_links",
                    Map.of("by", byClaimId));
            return;
        }
        jdbc.update("insert into claim_maker_pending (claim_id, version, by_claim_id) values (:id, :version, :by)",
                Map.of("id", claimId, "version", version, "by", byClaimId));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    askSweep();
                }
            });
        } else {
            askSweep();
        }
    }

    /** The makers whose marks are pending: a reader takes them as marked. */
    Set<String> pending() {
        return new HashSet<>(jdbc.queryForList("select by_claim_id from claim_maker_pending", Map.of(), String.class));
    }

    /** Whatever a node stopped before sweeping is swept when the next one is ready. */
    @EventListener(ApplicationReadyEvent.class)
    void sweepWhatWasLeft() {
        askSweep();
    }

    /**
     * Lets a sweep in progress end, after its transaction under way ({@link #sweep()} starts no other once this is
     * called), and never interrupts it: an interrupt that lands in a read or write of H2's file closes the file's
     * channel and H2's store with it, under every other thread of the node — and under the next node opened on the
     * same file in the same JVM, which H2 hands the same broken store (the anchor of the forty-fifth round's 10^5
     * run: docs/benchmarks.md, forty-sixth round). What is left pending stays so; the next node to start sweeps it.
     */
    @jakarta.annotation.PreDestroy
    void stop() {
        if (sweeper != null) {
            Background.stop(sweeper, Duration.ofSeconds(30), "the sweep of the link makers' marks");
        }
    }

    private void askSweep() {
        if (sweeper == null) {
            sweep();
        } else if (sweepAsked.compareAndSet(false, true)) {
            try {
                sweeper.execute(this::sweepAsked);
            } catch (RejectedExecutionException stopping) {
                // The node is stopping: what is pending stays so, and the next node to start sweeps it.
                sweepAsked.set(false);
            }
        }
    }

    private void sweepAsked() {
        sweepAsked.set(false);
        boolean left;
        try {
            left = sweep();
        } catch (RuntimeException e) {
            // A link's commit is done: nothing of it is lost while its mark stays pending. Swept again later.
            log.warn("The marks of the claims that made links stay pending for now: {}", e.toString());
            left = true;
        }
        if (left) {
            Duration wait = retry;
            retry = wait.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait.multipliedBy(2);
            try {
                sweeper.schedule(this::askSweep, wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // as above
            }
        } else {
            retry = FIRST_RETRY;
        }
    }

    /**
     * Marks every pending maker whose row is there and removes its pending marks; whether any is left pending. Which
     * makers have rows is asked in one statement: while one segment lags the other (a node catching up, a reset), many
     * makers may wait for their rows, and a sweep would otherwise try each of them in turn. The makers with rows are
     * then swept {@value #MAKERS_A_TRANSACTION} a transaction ({@link #sweep(List)}): one a transaction, a catch-up
     * of 10^6 entries with some 110,000 makers committed as many transactions, each a store of H2's pages, and the
     * sweep took as much of the machine as each of the projection's two threads (docs/benchmarks.md, forty-fifth round).
     */
    boolean sweep() {
        List<String> ready = new ArrayList<>();
        boolean[] waiting = {false};
        jdbc.query("select distinct p.by_claim_id, c.claim_id from claim_maker_pending p"
                + " left join claim_view c on c.claim_id = p.by_claim_id", Map.of(), rs -> {
            if (rs.getString(2) == null) {
                waiting[0] = true;
            } else {
                ready.add(rs.getString(1));
            }
        });
        boolean left = waiting[0];
        for (int from = 0; from < ready.size(); from += MAKERS_A_TRANSACTION) {
            if (sweeper != null && sweeper.isShutdown()) {
                return true; // the node is stopping: the rest is swept by the next (stop)
            }
            List<String> makers = ready.subList(from, Math.min(ready.size(), from + MAKERS_A_TRANSACTION));
            Integer swept = ownTransaction.execute(status -> sweep(makers));
            left |= swept == null || swept < makers.size();
        }
        return left;
    }

    /** Makers a sweep's transaction marks at most. */
    static final int MAKERS_A_TRANSACTION = 256;

    /**
     * In the caller's transaction: marks those of {@code makers} whose rows no other transaction holds and removes
     * their pending marks; how many. The rows are taken first, skipping any another transaction holds (a projection's
     * batch under way): this transaction then holds only rows it has, waits for none, and so never waits for a batch
     * that waits for it — the makers skipped stay pending for a later sweep. A maker marked already (it made an
     * earlier link) is not written again: a row rewritten for nothing is pages of H2's stored again. The pending marks
     * go by the maker's id, on its index (V31).
     */
    private int sweep(List<String> makers) {
        List<String> held = new ArrayList<>();
        List<String> unmarked = new ArrayList<>();
        jdbc.query("select claim_id, makes_links from claim_view where claim_id in (:makers) for update skip locked",
                Map.of("makers", makers), rs -> {
                    held.add(rs.getString(1));
                    if (!rs.getBoolean(2)) {
                        unmarked.add(rs.getString(1));
                    }
                });
        if (!unmarked.isEmpty()) {
            jdbc.update("update claim_view set makes_links = true where claim_id in (:makers)",
                    Map.of("makers", unmarked));
        }
        if (!held.isEmpty()) {
            jdbc.update("delete from claim_maker_pending where by_claim_id in (:makers)", Map.of("makers", held));
        }
        return held.size();
    }
}
