package com.claimledger.ledger.replay;

import com.claimledger.kernel.Background;
import com.claimledger.kernel.LedgerException;
import com.claimledger.ledger.config.H2Housekeeping;
import com.claimledger.ledger.config.ProjectionSavepoints;
import com.claimledger.ledger.projection.DerivedTable;
import com.claimledger.ledger.projection.Rebuild;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.ResultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Rebuilds every projection from the ledger, blue/green: the projections' processors stop; the events are fed, in
 * batches of {@code ledger.replay.batch-events}, each batch its own transaction (read ahead and deserialised on a
 * thread of their own, {@link EventPrefetch}), to the projections' handlers writing
 * into the shadow tables of schema {@code replay} (V11) — the handlers' SQL names no schema, and each batch's
 * connection resolves unqualified names there first; readers meanwhile see the previous, complete projections. Once
 * every event is in, each projection table whose {@link TableFingerprint} differs from its shadow's (most often none)
 * takes the rebuilt rows in one transaction (a set-wise copy of what differs, no handler runs in it), each {@link DerivedTable}
 * (the search's word index) whose fingerprint differs from that of the rows it derives from the rebuilt tables (as a
 * rule none; the checks run in pieces on every core, {@link ShadowTables#check}) is then brought in line with the tables just switched in, and the tokens move to the last event fed. A handler that fails stops the replay before the
 * switch, leaving the previous projections in place. The processors then start again and pick up what was written
 * meanwhile. The projections' dead letters are rebuilt with them: the queue's table has a shadow too (V24), which
 * takes the letters of the rebuild and is switched in like the projection tables; until then the live letters stay
 * with the live projections, also when the replay fails. Whatever else writes the live projections (a retry of the
 * dead letters) runs {@link #unlessReplaying}. The nodes of one database share the projections and their shadows: a
 * replay holds the database's {@link ReplayLease} from its start to its end, so that one runs at a time, the other
 * nodes pause their projections meanwhile ({@link #keepOffReplayElsewhere}), and a retry anywhere is refused.
 */
@Component
public class ReplayService {

    public enum Status { RUNNING, COMPLETED, FAILED }

    public record Replay(String id, Status status, long processed, long total, Instant startedAt, Instant finishedAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    private final EventProcessingConfiguration processing;
    private final List<DerivedTable> derived;
    private final EventStore eventStore;
    private final TokenStore tokens;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final H2Housekeeping housekeeping;
    private final Clock clock;
    private final int batchEvents;
    private final int readAhead;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final AtomicLong processed = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "projection-replay");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Held for writing by a replay from before it stops the processors until they run again; for reading by whatever
     * else writes the live projections outside their processors (a retry of the dead letters), which a replay's switch
     * would otherwise race: a table found equal to its shadow before the retry wrote it, a letter the retry took while
     * the switch brings in the rebuild's.
     */
    private final ReentrantReadWriteLock projectionsInUse = new ReentrantReadWriteLock();
    private final ReplayLease lease;
    private final Duration claimTimeout;
    private final Duration claimsWait;
    /** Threads of the checks before the switch ({@code ledger.replay.check-threads}; 0, the default: one a core). */
    private final int checkThreads;
    /**
     * Whether the derived tables' rows are derived from the live tables, and the live side of the checks scanned,
     * while the events are fed ({@code ledger.replay.derive-ahead}, on by default; {@link ShadowTables#ahead}), or
     * from the shadows and by the checks after.
     */
    private final boolean deriveAhead;
    private volatile String current;
    /**
     * Set when the node stops ({@link #stopForNodeStop()}): a replay under way ends before its next batch or before its switch —
     * FAILED, the previous projections in place, the lease given back while the database is still open — and none
     * starts.
     */
    private volatile boolean stopping;
    /** Whether this node's processors are paused for a replay on another node ({@link #keepOffReplayElsewhere}). */
    private boolean pausedForElsewhere;

    ReplayService(EventProcessingConfiguration processing, ObjectProvider<DerivedTable> derived, EventStore eventStore,
                  TokenStore tokens, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                  H2Housekeeping housekeeping, Clock clock, ReplayLease lease,
                  @Value("${ledger.replay.batch-events:2000}") int batchEvents,
                  @Value("${ledger.replay.read-ahead:250}") int readAhead,
                  @Value("${ledger.projections.claim-timeout:10s}") Duration claimTimeout,
                  @Value("${ledger.replay.claims-wait:30s}") Duration claimsWait,
                  @Value("${ledger.replay.check-threads:0}") int checkThreads,
                  @Value("${ledger.replay.derive-ahead:true}") boolean deriveAhead) {
        this.processing = processing;
        this.derived = derived.orderedStream().toList();
        this.eventStore = eventStore;
        this.tokens = tokens;
        this.transaction = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.housekeeping = housekeeping;
        this.clock = clock;
        this.batchEvents = Math.max(1, batchEvents);
        this.readAhead = Math.max(0, readAhead);
        this.lease = lease;
        this.claimTimeout = claimTimeout;
        this.claimsWait = claimsWait;
        this.checkThreads = checkThreads > 0 ? checkThreads : Runtime.getRuntime().availableProcessors();
        this.deriveAhead = deriveAhead;
    }

    /**
     * Starts a replay, or answers the one already running on this node; refused (409) while another node's replay
     * holds the database's {@link ReplayLease lease}.
     */
    public synchronized Replay start() {
        if (current != null && replays.get(current).status() == Status.RUNNING) {
            return replays.get(current);
        }
        if (stopping) {
            throw LedgerException.conflict("the node is stopping; start the replay on a running node");
        }
        String id = UUID.randomUUID().toString();
        lease.take(id).ifPresent(holder -> {
            throw refused("start another (one replay runs at a time over the database)", holder);
        });
        Long total;
        try {
            total = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        } catch (RuntimeException e) {
            lease.release(id);
            throw e;
        }
        Replay replay = new Replay(id, Status.RUNNING, 0, total == null ? 0 : total, clock.instant(), null);
        replays.put(replay.id(), replay);
        current = replay.id();
        processed.set(0);
        worker.submit(() -> run(replay));
        return replay;
    }

    /**
     * Runs {@code work}, which writes the live projections outside their processors, unless a replay is rebuilding
     * them, on this node or another one of the database: then it is refused, and nothing is done. A replay that starts
     * on this node meanwhile waits for it; one that starts on another node is kept out by the steps of {@code work}
     * that run {@link #stepUnlessReplaying}.
     */
    public <T> T unlessReplaying(String what, Supplier<T> work) {
        if (!projectionsInUse.readLock().tryLock()) {
            throw LedgerException.conflict("a replay is rebuilding the projections (" + current + "); " + what
                    + " once it has ended: GET /api/admin/replay/" + current);
        }
        try {
            lease.holder().ifPresent(holder -> {
                throw refused(what, holder);
            });
            return work.get();
        } finally {
            projectionsInUse.readLock().unlock();
        }
    }

    /**
     * One step of work that writes the live projections (a retry of one dead letter), in a transaction that holds the
     * replay lease's row: refused if a replay holds the lease; a replay's switch on another node, which holds the row
     * in its own transaction, waits for the step, and the step for the switch.
     */
    public <T> T stepUnlessReplaying(String what, Supplier<T> step) {
        return transaction.execute(status -> {
            lease.holderLocked().ifPresent(holder -> {
                throw refused(what, holder);
            });
            return step.get();
        });
    }

    private static LedgerException refused(String what, ReplayLease.Holder holder) {
        return LedgerException.conflict("a " + holder.describe() + " is rebuilding the projections; " + what
                + " once it has ended: GET /api/admin/replay/" + holder.replayId() + " on that node");
    }

    /**
     * While another node's replay holds the lease, this node's processors stay paused (they hold segments the
     * replay's switch must move, and would write the live tables it switches); once the lease is given back or
     * expires, they start again. Run every {@code ledger.replay.lease-watch} by {@link ReplayWatch}.
     */
    void keepOffReplayElsewhere() {
        if (!projectionsInUse.readLock().tryLock()) {
            return; // this node's own replay runs
        }
        try {
            Optional<ReplayLease.Holder> elsewhere = lease.elsewhere();
            synchronized (this) {
                if (elsewhere.isPresent() && !pausedForElsewhere) {
                    log.info("pausing this node's projections: a {} rebuilds them", elsewhere.get().describe());
                    pausedForElsewhere = true;
                    processors().forEach(StreamingEventProcessor::shutDown);
                } else if (elsewhere.isEmpty() && pausedForElsewhere) {
                    log.info("the replay on another node has ended; this node's projections start again");
                    pausedForElsewhere = false;
                    processors().forEach(StreamingEventProcessor::start);
                }
            }
        } finally {
            projectionsInUse.readLock().unlock();
        }
    }

    public Optional<Replay> find(String id) {
        return Optional.ofNullable(replays.get(id)).map(replay -> replay.status() == Status.RUNNING
                ? new Replay(replay.id(), replay.status(), processed.get(), replay.total(), replay.startedAt(), null)
                : replay);
    }

    /**
     * The node stops ({@link ReplayNodeStop}): a replay under way ends at its next batch or before its switch (a
     * switch begun is finished), and this waits for it — never interrupting it ({@link Background}) — so that it
     * gives back the database's lease while the database is open. Left to the database's closing, a replay failed
     * there with its lease held: a new replay was refused, and with several nodes the others kept their projections
     * paused, until the lease expired ({@code ledger.replay.lease-term}).
     */
    void stopForNodeStop() {
        stopping = true;
        Background.stop(worker, Duration.ofSeconds(60), "the replay under way");
    }

    /** Ends the replay under way if the node is stopping; it fails as a handler's failure would, before the switch. */
    private void stopIfStopping() {
        if (stopping) {
            throw new IllegalStateException("the replay ended: the node is stopping");
        }
    }

    private void run(Replay replay) {
        Status outcome = Status.FAILED;
        ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "replay-lease");
            thread.setDaemon(true);
            return thread;
        });
        projectionsInUse.writeLock().lock();
        try {
            long every = Math.max(1, lease.term().toMillis() / 4);
            keeper.scheduleWithFixedDelay(() -> renew(replay.id()), every, every, TimeUnit.MILLISECONDS);
            synchronized (this) {
                // The processors this replay stops are started again at its end, whatever paused them before.
                pausedForElsewhere = false;
            }
            outcome = rebuildAndSwitch(replay);
        } catch (RuntimeException e) {
            log.error("replay {} failed; the previous projections stay in place", replay.id(), e);
        } finally {
            Background.stop(keeper, Duration.ofSeconds(10), "the replay lease's renewal");
            try {
                lease.release(replay.id());
            } catch (RuntimeException e) {
                log.warn("could not give back the lease of replay {}; it expires in {}", replay.id(), lease.term(), e);
            }
            projectionsInUse.writeLock().unlock();
            replays.put(replay.id(), new Replay(replay.id(), outcome, processed.get(), replay.total(), replay.startedAt(),
                    clock.instant()));
        }
    }

    private Status rebuildAndSwitch(Replay replay) {
        List<StreamingEventProcessor> processors = processors();
        Status outcome = Status.FAILED;
        ShadowTables shadow = ShadowTables.of(jdbc);
        // H2's housekeeping waits until the switch: the shadows' writes are churn the truncation after it frees.
        try (H2Housekeeping.HeldBack held = housekeeping.holdBack()) {
            processors.forEach(StreamingEventProcessor::shutDown);
            awaitNoClaimsElsewhere();
            shadow.empty();
            long started = System.nanoTime();
            TrackingToken last;
            long rebuilt;
            Set<String> leave = derived.stream().map(DerivedTable::table).collect(Collectors.toCollection(HashSet::new));
            ShadowTables.Checked checks;
            try (ShadowTables.Ahead ahead = deriveAhead ? shadow.ahead(derived,
                    processors.stream().map(StreamingEventProcessor::getName).toList(), checkThreads)
                    : ShadowTables.Ahead.NONE) {
                last = rebuild(processors, shadow);
                rebuilt = System.nanoTime();
                checks = shadow.check(leave, derived, checkThreads, ahead);
            }
            List<DerivedTable> stale = checks.stale();
            Set<String> equal = checks.equal();
            long checked = checks.derivedChecked();
            long compared = checks.tablesChecked();
            leave.addAll(equal);
            awaitNoClaimsElsewhere();
            stopIfStopping();
            long[] switched = new long[1];
            transaction.executeWithoutResult(status -> {
                // Holds the lease's row to the commit: a retry of the dead letters on another node waits, then refuses.
                if (!lease.renew(replay.id())) {
                    throw new IllegalStateException("replay " + replay.id() + " lost its lease (it expired: "
                            + lease.term() + " without a renewal); another replay may run");
                }
                shadow.switchIn(leave);
                switched[0] = System.nanoTime();
                stale.forEach(DerivedTable::rederive);
                moveTokens(processors, last);
            });
            outcome = Status.COMPLETED;
            log.info("replay {}: {} events fed to the shadow projections in {} s; fingerprints in {} s ({} of {} tables"
                            + " already equal: {}); derived tables checked in {} s, at the same time ({} of {} to"
                            + " rederive: {}; {} threads);"
                            + " switched in {} s; derived tables rederived in {} s",
                    replay.id(), processed.get(), seconds(rebuilt - started), seconds(compared - rebuilt),
                    equal.size(), shadow.tables().size() - derived.size(), equal, seconds(checked - rebuilt),
                    stale.size(), derived.size(), stale.stream().map(DerivedTable::table).toList(), checkThreads,
                    seconds(switched[0] - Math.max(checked, compared)), seconds(System.nanoTime() - switched[0]));
        } catch (RuntimeException e) {
            log.error("replay {} failed; the previous projections stay in place", replay.id(), e);
        } finally {
            try {
                shadow.empty();
            } catch (RuntimeException e) {
                log.warn("could not empty the shadow projections after replay {}", replay.id(), e);
            }
            if (!stopping) { // a stopping node's processors are Axon's to stop, not the replay's to start
                processors.forEach(StreamingEventProcessor::start);
            }
        }
        return outcome;
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private void renew(String replayId) {
        try {
            if (!lease.renew(replayId)) {
                log.error("replay {} no longer holds its lease; its switch will be refused", replayId);
            }
        } catch (RuntimeException e) {
            // The switch holds the row in its transaction; the next renewal comes after it.
            log.debug("could not renew the lease of replay {} now: {}", replayId, e.toString());
        }
    }

    /**
     * Waits until no other node holds an unexpired claim on a segment of the projections: they pause theirs once
     * they see the lease ({@link #keepOffReplayElsewhere}), and the switch moves every segment's token.
     */
    private void awaitNoClaimsElsewhere() {
        long deadline = System.nanoTime() + claimsWait.toNanos();
        List<String> claims = lease.claimsElsewhere(claimTimeout);
        while (!claims.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("other nodes still hold segments of the projections after " + claimsWait
                        + " (" + String.join(", ", claims) + "); their projections did not pause for the replay");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted", e);
            }
            claims = lease.claimsElsewhere(claimTimeout);
        }
    }

    /** Feeds every stored event to the projections, writing into the shadow tables, a batch a transaction. */
    private TrackingToken rebuild(List<StreamingEventProcessor> processors, ShadowTables shadow) {
        List<EventHandlerInvoker> invokers = processors.stream()
                .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker()).toList();
        // Each processing group's own invoker (a processor's is a MultiEventHandlerInvoker of them): handed the
        // event in the same order and under the same condition as the processor's would.
        List<EventHandlerInvoker> groups = invokers.stream().flatMap(invoker -> invoker instanceof MultiEventHandlerInvoker
                multi ? multi.delegates().stream() : java.util.stream.Stream.of(invoker)).toList();
        Set<EventHandlerInvoker> lettered = new HashSet<>();
        TrackingToken last = null;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null);
             EventPrefetch events = EventPrefetch.reading(stream, readAhead)) {
            boolean first = true;
            while (first || events.hasNext()) {
                stopIfStopping();
                boolean reset = first;
                first = false;
                TrackingToken fed = transaction.execute(status -> shadow.within(() -> Rebuild.during(() -> {
                    if (reset) {
                        invokers.forEach(EventHandlerInvoker::performReset);
                    }
                    return feed(events, groups, lettered);
                })));
                last = fed == null ? last : fed;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
        return last;
    }

    /**
     * One batch: up to {@code batchEvents} events, each to every projection that handles it. {@code lettered}: the
     * projections whose rebuild has put a letter in the (shadow) dead-letter queue.
     */
    private TrackingToken feed(EventPrefetch events, List<EventHandlerInvoker> invokers,
                               Set<EventHandlerInvoker> lettered) {
        TrackingToken last = null;
        try {
            for (int n = 0; n < batchEvents && events.hasNext(); n++) {
                TrackedEventMessage<?> event = events.next();
                for (EventHandlerInvoker invoker : invokers) {
                    if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                        ResultMessage<?> result = new DefaultUnitOfWork<>(event).executeWithResult(() -> {
                            if (!(invoker instanceof DeadLetteringEventHandlerInvoker lettering)
                                    || lettered.contains(invoker) || !handledUnqueued(lettering, event)) {
                                if (invoker instanceof DeadLetteringEventHandlerInvoker) {
                                    lettered.add(invoker);
                                }
                                invoker.handle(event, Segment.ROOT_SEGMENT);
                            }
                            return null;
                        });
                        if (result.isExceptional()) {
                            throw new IllegalStateException("replaying event " + event.getIdentifier() + " failed",
                                    result.exceptionResult());
                        }
                    }
                }
                last = event.trackingToken();
                processed.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        }
        return last;
    }

    /**
     * What a dead-lettering projection does with an event while its queue holds no letter — its handlers, as {@link
     * DeadLetteringEventHandlerInvoker} calls them — without asking the queue first whether the event's sequence is in
     * it: the rebuild's queue starts empty, and only the projection's own failures (below) can put a letter in it. The
     * query was a sixteenth of the time a replay feeds events (docs/benchmarks.md, thirteenth round). False, with
     * everything the handlers wrote undone, if a handler failed: the caller then hands the event to the projection
     * as usual, which runs it again and queues it as its policy decides.
     */
    private boolean handledUnqueued(DeadLetteringEventHandlerInvoker projection, EventMessage<?> event)
            throws SQLException {
        // One savepoint for the projection's handlers of the event, theirs not set: it covers what they would.
        return ProjectionSavepoints.inOneSavepoint(DataSourceUtils.getConnection(dataSource), "replay_event", () -> {
            for (EventMessageHandler handler : projection.eventHandlers()) {
                try {
                    handler.handle(event);
                } catch (Exception e) {
                    projection.getListenerInvocationErrorHandler().onError(e, event, handler);
                }
            }
        });
    }

    private void moveTokens(List<StreamingEventProcessor> processors, TrackingToken last) {
        for (StreamingEventProcessor processor : processors) {
            for (int segment : tokens.fetchSegments(processor.getName())) {
                tokens.fetchToken(processor.getName(), segment);
                tokens.storeToken(last, processor.getName(), segment);
                tokens.releaseClaim(processor.getName(), segment);
            }
        }
    }

    private List<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).toList();
    }
}
