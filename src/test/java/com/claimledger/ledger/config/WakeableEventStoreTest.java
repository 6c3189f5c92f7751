package com.claimledger.ledger.config;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pooled processors look at an idle stream again only when it calls them back (else after 500 ms): the store's streams
 * offer the callback, a committed write runs it at once, and the poll for other nodes' writes runs it too.
 */
class WakeableEventStoreTest {

    @Test
    void aCommittedWriteCallsTheWaitingProcessorsBackAtOnce() {
        WakeableEventStore store = store(60_000);
        try (TrackingEventStream stream = store.openStream(null)) {
            AtomicInteger calls = new AtomicInteger();
            assertThat(stream.setOnAvailableCallback(calls::incrementAndGet)).as("callback offered").isTrue();
            store.committed();
            assertThat(calls).hasValue(1);
            stream.close();
            store.committed();
            assertThat(calls).as("a closed stream is not called any more").hasValue(1);
        } finally {
            store.shutDown();
        }
    }

    @Test
    void thePollCallsThemBackForTheWritesOfOtherNodes() throws InterruptedException {
        WakeableEventStore store = store(10);
        try (TrackingEventStream stream = store.openStream(null)) {
            CountDownLatch called = new CountDownLatch(3);
            stream.setOnAvailableCallback(called::countDown);
            assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            store.shutDown();
        }
    }

    private static WakeableEventStore store(long fetchDelayMs) {
        return new WakeableEventStore(EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()),
                fetchDelayMs);
    }
}
