package com.claimledger.ledger.config;

import com.claimledger.kernel.Background;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Axon's embedded event store, with a way to tell its tailing consumers (the projections' processors) that new events
 * are committed. Axon tells them when a unit of work commits; here one database transaction spans all the units of
 * work of a write and commits after them, so at Axon's signal the events are not visible yet, and the processors
 * would only find them at their next poll — the better part of a single write's latency, since the write waits for
 * its projections.
 * <p>
 * Pooled streaming processors do not wait on the stream: when it has nothing, their coordinator registers a callback
 * if the stream offers one and otherwise looks again only after 500 ms (with a callback, after its claim interval).
 * The streams opened here offer that callback. It runs when a write of this node has committed, and every
 * {@code fetchDelayMs} for the writes of other nodes on the same database — as often as Axon's tracking consumers
 * poll the store.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poll;

    WakeableEventStore(Builder builder, long fetchDelayMs) {
        super(builder);
        poll = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ledger-event-store-poll");
            thread.setDaemon(true);
            return thread;
        });
        poll.scheduleWithFixedDelay(this::wake, fetchDelayMs, fetchDelayMs, TimeUnit.MILLISECONDS);
    }

    /** Called after a write's transaction committed: the consumers fetch now instead of at their next poll. */
    public void committed() {
        afterCommit(List.of());
        wake();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new Notifying(super.openStream(trackingToken));
    }

    @Override
    public void shutDown() {
        Background.stop(poll, Duration.ofSeconds(10), "the event store's poll");
        super.shutDown();
    }

    private void wake() {
        callbacks.forEach(Runnable::run);
    }

    /** The embedded store's stream, with an availability callback. */
    private final class Notifying implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        private Notifying(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public void close() {
            Runnable previous = callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            delegate.close();
        }
    }
}
