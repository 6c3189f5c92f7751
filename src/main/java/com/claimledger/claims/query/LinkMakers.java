package com.claimledger.claims.query;

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
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
 * pending maker whose row is there and removes its pending rows, one maker a transaction (no transaction holds one
 * row while it waits for another). Every link is thus on its maker's row or pending, in whatever state a reader sees;
 * {@link #pending} is what a reader adds to the marks. A maker whose row is not there yet is swept again later, at
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
        this(jdbc, dataSource, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "claim-link-makers");
            thread.setDaemon(true);
            return thread;
        }));
    }

    private LinkMakers(NamedParameterJdbcTemplate jdbc, DataSource dataSource, ScheduledExecutorService sweeper) {
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

    @jakarta.annotation.PreDestroy
    void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
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
     * Marks every pending maker whose row is there, each in a transaction of its own; whether any is left pending.
     * Which makers have rows is asked in one statement: while one segment lags the other (a node catching up, a
     * reset), many makers may wait for their rows, and a sweep would otherwise try each of them in turn.
     */
    boolean sweep() {
        List<String> makers = new ArrayList<>();
        boolean[] waiting = {false};
        jdbc.query("select distinct p.by_claim_id, c.claim_id from claim_maker_pending p"
                + " left join claim_view c on c.claim_id = p.by_claim_id", Map.of(), rs -> {
            if (rs.getString(2) == null) {
                waiting[0] = true;
            } else {
                makers.add(rs.getString(1));
            }
        });
        boolean left = waiting[0];
        for (String maker : makers) {
            Boolean marked = ownTransaction.execute(status -> {
                if (jdbc.update("update claim_view set makes_links = true where claim_id = :by", Map.of("by", maker)) == 0) {
                    return false;
                }
                jdbc.update("delete from claim_maker_pending where by_claim_id = :by", Map.of("by", maker));
                return true;
            });
            left |= !Boolean.TRUE.equals(marked);
        }
        return left;
    }
}
