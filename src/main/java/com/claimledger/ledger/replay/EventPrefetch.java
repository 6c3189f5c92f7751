package com.claimledger.ledger.replay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A replay's events, read ahead on a thread of their own: the reader fetches the stored events and deserialises their
 * payloads and metadata while the replay's thread hands the previous ones to the handlers and commits them — on a
 * machine with two cores the two overlap instead of taking turns (reading and deserialising were about a third of
 * feeding a replay of 10^6 entries, docs/benchmarks.md, tenth round). The reader stops, as the replay's own reading
 * did, at the first moment no further event is available; events stored after that are the processors' to handle once
 * the replay has moved their tokens.
 *
 * <p>Never interrupted: an interrupt during a file read would close H2's file channel. Closing lets the reader finish
 * the read it is in and stop at its next hand-over.
 */
final class EventPrefetch implements AutoCloseable {

    private static final Object END = new Object();

    private final BlockingStream<TrackedEventMessage<?>> stream;
    private final BlockingQueue<Object> queue;
    private final Thread reader;
    private final boolean threaded;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private Object head;

    private EventPrefetch(BlockingStream<TrackedEventMessage<?>> stream, int ahead) {
        this.stream = stream;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, ahead));
        this.reader = new Thread(this::read, "replay-reader");
        this.reader.setDaemon(true);
        this.threaded = ahead > 0;
    }

    /**
     * Starts reading {@code stream}, holding at most {@code ahead} events that the replay has not yet taken; with
     * {@code ahead} 0 there is no reader: the caller's thread reads each event when it asks for it (as before the
     * read-ahead: {@code ledger.replay.read-ahead=0}, for comparison).
     */
    static EventPrefetch reading(BlockingStream<TrackedEventMessage<?>> stream, int ahead) {
        EventPrefetch prefetch = new EventPrefetch(stream, ahead);
        if (prefetch.threaded) {
            prefetch.reader.start();
        }
        return prefetch;
    }

    private void read() {
        try {
            while (!closed && stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                event.getPayload();
                event.getMetaData();
                // Parsed from its text on first use (the handlers' @Timestamp): here, not on the feeding thread.
                event.getTimestamp();
                if (!handOver(event)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IllegalStateException("reading the ledger's events was interrupted", e);
        } catch (RuntimeException e) {
            failure = e;
        }
        handOver(END);
    }

    /** Puts {@code item} in the queue unless the replay closes first; false if it did. */
    private boolean handOver(Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Whether another event follows; waits for the reader to get there. */
    boolean hasNext() throws InterruptedException {
        if (head == null) {
            head = threaded ? queue.take() : direct();
        }
        if (head == END && failure != null) {
            throw new IllegalStateException("reading the ledger's events failed", failure);
        }
        return head != END;
    }

    /** Without a reader: the stream's next event, or the end if none is available now. */
    private Object direct() throws InterruptedException {
        return stream.hasNextAvailable() ? stream.nextAvailable() : END;
    }

    TrackedEventMessage<?> next() throws InterruptedException {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("no further event");
        }
        TrackedEventMessage<?> event = (TrackedEventMessage<?>) head;
        head = null;
        return event;
    }

    /** Stops the reader (after the read it is in) and waits for it; the stream is the caller's to close. */
    @Override
    public void close() {
        closed = true;
        if (!threaded) {
            return;
        }
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
