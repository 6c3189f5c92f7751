package com.claimledger.ledger.config;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, with a way to tell its tailing consumers (the projections' processors) that new events
 * are committed. Axon tells them when a unit of work commits; here one database transaction spans all the units of
 * work of a write and commits after them, so at Axon's signal the events are not visible yet, and the processors
 * would only find them at their next poll ({@code ledger.event-store.fetch-delay-ms} later) — the better part of a
 * single write's latency, since the write waits for its projections.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Called after a write's transaction committed: the consumers fetch now instead of at their next poll. */
    public void committed() {
        afterCommit(List.of());
    }
}
