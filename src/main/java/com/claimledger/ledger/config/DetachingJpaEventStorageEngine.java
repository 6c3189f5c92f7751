package com.claimledger.ledger.config;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Axon's JPA event store, except that the entries it stores leave the persistence context once flushed. A write here
 * is one transaction over many commands (a dossier of a thousand claims holds some 1,300 events): with the entries
 * left managed, every later flush and every query's auto-flush dirty-checks all of them, byte array by byte array, so
 * that an import's cost grew with the square of its size. Stored events are never changed, so nothing is lost by not
 * tracking them.
 *
 * <p>Also: a token with gaps reads its next batch by an index range and an index lookup ({@link #fetchEvents}).
 */
class DetachingJpaEventStorageEngine extends JpaEventStorageEngine {

    private final EntityManagerProvider entityManagers;
    private final TransactionManager transactions;

    DetachingJpaEventStorageEngine(Builder builder, EntityManagerProvider entityManagers,
                                   TransactionManager transactions) {
        super(builder);
        this.entityManagers = entityManagers;
        this.transactions = transactions;
    }

    /** The columns Axon's {@link JpaEventStorageEngine#fetchEvents} reads, in its order. */
    private static final String COLUMNS = "SELECT e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber, "
            + "e.eventIdentifier, e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData FROM ";

    /**
     * The next batch after a token, as Axon's, but for a token with gaps read as two queries instead of one with
     * {@code globalIndex > :token OR globalIndex IN :gaps}: H2 can use no index for that disjunction and, to honour the
     * order and the limit, walked the primary key from the first event of the ledger on every fetch — one fetch a few
     * seconds at 10^6 events (stack samples of the 10^6 run: the event store's reader thread spent all its time
     * there), during which no projection advanced and writes waiting to be read back answered 202. Gaps are short-lived
     * and ordinary (a write that commits after a later-numbered one leaves one until it does), so this is the common
     * path under concurrent writes. Every gap lies below the token's index, so the events filling gaps, in order,
     * followed by those after the index, in order, are the same rows in the same order as Axon's single query.
     */
    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return super.fetchEvents(token);
        }
        EntityManager entityManager = entityManager();
        List<Object[]> batch = new ArrayList<>(entityManager.createQuery(COLUMNS + domainEventEntryEntityName()
                        + " e WHERE e.globalIndex IN :gaps ORDER BY e.globalIndex ASC", Object[].class)
                .setParameter("gaps", token.getGaps()).setMaxResults(batchSize()).getResultList());
        if (batch.size() < batchSize()) {
            batch.addAll(entityManager.createQuery(COLUMNS + domainEventEntryEntityName()
                            + " e WHERE e.globalIndex > :token ORDER BY e.globalIndex ASC", Object[].class)
                    .setParameter("token", token.getIndex()).setMaxResults(batchSize() - batch.size())
                    .getResultList());
        }
        return batch;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            EntityManager entityManager = entityManagers.getEntityManager();
            try {
                List<Object> entries = events.stream().map(event -> createEventEntity(event, serializer)).toList();
                entries.forEach(entityManager::persist);
                // Flushed here, so that a duplicate key surfaces as Axon's concurrency error; then let go.
                entityManager.flush();
                entries.forEach(entityManager::detach);
            } catch (Exception e) {
                handlePersistenceException(e, events.get(0));
            }
        });
    }
}
