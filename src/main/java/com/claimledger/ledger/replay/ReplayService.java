package com.claimledger.ledger.replay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds every projection from the ledger, blue/green in the database: the projections' processors stop, and one
 * transaction empties their tables (reset handlers) and dead-letter queues, feeds them every stored event, and moves
 * their tokens to the
 * last event fed. Until that transaction commits, every reader sees the previous, complete projections (the database
 * gives readers the last committed state); from the commit on, the rebuilt ones. A handler that fails rolls it all
 * back, leaving the previous projections in place. The processors then start again and pick up what was written
 * meanwhile.
 */
@Component
public class ReplayService {

    public enum Status { RUNNING, COMPLETED, FAILED }

    public record Replay(String id, Status status, long processed, long total, Instant startedAt, Instant finishedAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokens;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final AtomicLong processed = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "projection-replay");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String current;

    ReplayService(EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokens,
                  PlatformTransactionManager transactionManager, JdbcTemplate jdbc, Clock clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokens = tokens;
        this.transaction = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Starts a replay, or answers the one already running. */
    public synchronized Replay start() {
        if (current != null && replays.get(current).status() == Status.RUNNING) {
            return replays.get(current);
        }
        Long total = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        Replay replay = new Replay(UUID.randomUUID().toString(), Status.RUNNING, 0, total == null ? 0 : total,
                clock.instant(), null);
        replays.put(replay.id(), replay);
        current = replay.id();
        processed.set(0);
        worker.submit(() -> run(replay));
        return replay;
    }

    public Optional<Replay> find(String id) {
        return Optional.ofNullable(replays.get(id)).map(replay -> replay.status() == Status.RUNNING
                ? new Replay(replay.id(), replay.status(), processed.get(), replay.total(), replay.startedAt(), null)
                : replay);
    }

    private void run(Replay replay) {
        List<StreamingEventProcessor> processors = processors();
        Status outcome = Status.FAILED;
        try {
            processors.forEach(StreamingEventProcessor::shutDown);
            transaction.executeWithoutResult(status -> rebuild(processors));
            outcome = Status.COMPLETED;
        } catch (RuntimeException e) {
            log.error("replay {} failed; the previous projections stay in place", replay.id(), e);
        } finally {
            processors.forEach(StreamingEventProcessor::start);
            replays.put(replay.id(), new Replay(replay.id(), outcome, processed.get(), replay.total(), replay.startedAt(),
                    clock.instant()));
        }
    }

    private void rebuild(List<StreamingEventProcessor> processors) {
        List<EventHandlerInvoker> invokers = processors.stream()
                .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker()).toList();
        invokers.forEach(EventHandlerInvoker::performReset);
        // Rebuilt from scratch: what failed before is tried again, and queued again if it still fails.
        processors.forEach(processor -> processing.deadLetterQueue(processor.getName()).ifPresent(queue -> queue.clear()));
        TrackingToken last = null;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                for (EventHandlerInvoker invoker : invokers) {
                    if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                        ResultMessage<?> result = new DefaultUnitOfWork<>(event).executeWithResult(() -> {
                            invoker.handle(event, Segment.ROOT_SEGMENT);
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
