package com.claimledger.ledger.replay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Rebuilds every projection from the ledger: each streaming processor is stopped, its tokens reset (its reset
 * handler empties its tables) and started again, and the replay completes when all have caught up with the ledger
 * as it was when the replay began. While it runs, reads of projections answer 503 with Retry-After (see
 * {@link #running()}), so that no reader ever sees a half-built view.
 */
@Component
public class ReplayService {

    public enum Status { RUNNING, COMPLETED, FAILED }

    public record Replay(String id, Status status, long processed, long total, Instant startedAt, Instant finishedAt) {
    }

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "projection-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final ReadWriteLock gate = new ReentrantReadWriteLock();
    private volatile String current;

    ReplayService(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /**
     * Reads of projections run under this gate's read lock; a replay starts under its write lock, so it waits for the
     * reads in flight, and every read after it sees {@link #running()}.
     */
    public ReadWriteLock gate() {
        return gate;
    }

    /** Starts a replay, or answers the one already running. */
    public synchronized Replay start() {
        if (running()) {
            return replays.get(current);
        }
        gate.writeLock().lock();
        try {
            return begin();
        } finally {
            gate.writeLock().unlock();
        }
    }

    private Replay begin() {
        long head = eventStore.createHeadToken() == null ? -1 : eventStore.createHeadToken().position().orElse(-1);
        Replay replay = new Replay(UUID.randomUUID().toString(), Status.RUNNING, 0, Math.max(head, 0),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
        replays.put(replay.id(), replay);
        current = replay.id();
        worker.submit(() -> run(replay, head));
        return replay;
    }

    public Optional<Replay> find(String id) {
        return Optional.ofNullable(replays.get(id)).map(replay -> replay.status() == Status.RUNNING
                ? new Replay(replay.id(), replay.status(), processed(replay.total()), replay.total(), replay.startedAt(), null)
                : replay);
    }

    public boolean running() {
        String id = current;
        return id != null && replays.get(id).status() == Status.RUNNING;
    }

    private void run(Replay replay, long head) {
        try {
            for (StreamingEventProcessor processor : processors()) {
                processor.shutDown();
                processor.resetTokens();
                processor.start();
            }
            while (processed(replay.total()) < replay.total() || processors().stream().anyMatch(this::replaying)) {
                Thread.sleep(10);
            }
            finish(replay, Status.COMPLETED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(replay, Status.FAILED);
        } catch (RuntimeException e) {
            log.error("replay {} failed", replay.id(), e);
            finish(replay, Status.FAILED);
        }
    }

    private boolean replaying(StreamingEventProcessor processor) {
        return processor.isReplaying() || processor.processingStatus().isEmpty();
    }

    private void finish(Replay replay, Status status) {
        replays.put(replay.id(), new Replay(replay.id(), status, status == Status.COMPLETED ? replay.total()
                : processed(replay.total()), replay.total(), replay.startedAt(), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** How far the slowest projection has come, in event store positions (from 1, like {@code total}). */
    private long processed(long total) {
        long slowest = total;
        for (StreamingEventProcessor processor : processors()) {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            if (status.isEmpty()) {
                return 0;
            }
            for (EventTrackerStatus segment : status.values()) {
                slowest = Math.min(slowest, segment.getCurrentPosition().orElse(0));
            }
        }
        return Math.max(0, slowest);
    }

    private List<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).toList();
    }
}
