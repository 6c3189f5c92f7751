package com.claimledger.ledger.replay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replay's read-ahead: the events in the stream's order, ending where the stream had no further event available,
 * a failed read surfacing on the replay's thread, and a replay that stops early stopping the reader.
 */
class EventPrefetchTest {

    /** A stream of {@code size} events, the {@code failAt}-th read failing (never if negative). */
    private static final class Stream implements BlockingStream<TrackedEventMessage<?>> {
        private final int size;
        private final int failAt;
        private final AtomicInteger read = new AtomicInteger();

        Stream(int size, int failAt) {
            this.size = size;
            this.failAt = failAt;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return read.get() < size;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            int n = read.getAndIncrement();
            if (n == failAt) {
                throw new IllegalStateException("disk on fire");
            }
            return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(n),
                    GenericEventMessage.asEventMessage("event " + n));
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theEventsComeInTheStreamsOrderAndEndWhereItHadNoMore() throws Exception {
        List<Object> payloads = new ArrayList<>();
        try (EventPrefetch events = EventPrefetch.reading(new Stream(1_000, -1), 7)) {
            while (events.hasNext()) {
                payloads.add(events.next().getPayload());
            }
            assertThat(events.hasNext()).as("still ended").isFalse();
        }
        assertThat(payloads).hasSize(1_000).first().isEqualTo("event 0");
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(payloads.get(i)).isEqualTo("event " + i);
        }
    }

    @Test
    void withoutReadAheadTheCallersThreadReadsEachEventWhenItAsks() throws Exception {
        Stream stream = new Stream(100, -1);
        try (EventPrefetch events = EventPrefetch.reading(stream, 0)) {
            for (int i = 0; i < 100; i++) {
                assertThat(events.next().getPayload()).isEqualTo("event " + i);
                assertThat(stream.read.get()).as("nothing read ahead").isEqualTo(i + 1);
            }
            assertThat(events.hasNext()).isFalse();
        }
    }

    @Test
    void anEmptyStreamEndsAtOnce() throws Exception {
        try (EventPrefetch events = EventPrefetch.reading(new Stream(0, -1), 7)) {
            assertThat(events.hasNext()).isFalse();
        }
    }

    @Test
    void aFailedReadFailsTheReplayAfterTheEventsBeforeIt() throws Exception {
        try (EventPrefetch events = EventPrefetch.reading(new Stream(100, 42), 7)) {
            for (int i = 0; i < 42; i++) {
                assertThat(events.next().getPayload()).isEqualTo("event " + i);
            }
            assertThatThrownBy(events::hasNext).isInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("disk on fire");
        }
    }

    @Test
    void closingEarlyStopsTheReaderWhereItWaits() throws Exception {
        Stream stream = new Stream(1_000_000, -1);
        EventPrefetch events = EventPrefetch.reading(stream, 7);
        assertThat(events.next().getPayload()).isEqualTo("event 0");

        events.close();

        int read = stream.read.get();
        assertThat(read).as("read ahead by at most the queue and the one in hand").isLessThanOrEqualTo(1 + 7 + 1);
        Thread.sleep(200);
        assertThat(stream.read.get()).as("nothing read after closing").isEqualTo(read);
    }
}
