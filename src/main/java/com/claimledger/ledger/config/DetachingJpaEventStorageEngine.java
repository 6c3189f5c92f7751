package com.claimledger.ledger.config;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;

import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Axon's JPA event store, except that the entries it stores leave the persistence context once flushed. A write here
 * is one transaction over many commands (a dossier of a thousand claims holds some 1,300 events): with the entries
 * left managed, every later flush and every query's auto-flush dirty-checks all of them, byte array by byte array, so
 * that an import's cost grew with the square of its size. Stored events are never changed, so nothing is lost by not
 * tracking them.
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
