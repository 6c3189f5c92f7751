package com.claimledger.ledger.config;

import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;

import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JPA event store, except that the entries it stores leave the persistence context once flushed. A write here
 * is one transaction over many commands (a dossier of a thousand claims holds some 1,300 events): with the entries
 * left managed, every later flush and every query's auto-flush dirty-checks all of them, byte array by byte array, so
 * that an import's cost grew with the square of its size. Stored events are never changed, so nothing is lost by not
 * tracking them.
 *
 * <p>Also: a token with gaps reads its next batch by an index range and an index lookup ({@link #fetchEvents}); and
 * each event read from a token has its timestamp parsed once, from its digits ({@link #fetchTrackedEvents}).
 */
class DetachingJpaEventStorageEngine extends JpaEventStorageEngine {

    /*
     * Axon's defaults for the gaps of a token, given to the builder here so that this class's reading of a token's
     * gaps (fetchTrackedEvents, a copy of Axon's) and Axon's own use of them agree.
     */
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int MAX_GAP_OFFSET = 10_000;
    static final int GAP_TIMEOUT_MILLIS = 60_000;
    static final int GAP_CLEANING_THRESHOLD = 250;

    private static final Logger log = LoggerFactory.getLogger(DetachingJpaEventStorageEngine.class);

    private final EntityManagerProvider entityManagers;
    private final TransactionManager transactions;
    /** "Now", for the gaps' timeout: the ledger's clock (Axon's engine reads its global one, which the ledger leaves alone). */
    private final Clock clock;

    DetachingJpaEventStorageEngine(Builder builder, EntityManagerProvider entityManagers,
                                   TransactionManager transactions, Clock clock) {
        super(builder.lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE).maxGapOffset(MAX_GAP_OFFSET)
                .gapTimeout(GAP_TIMEOUT_MILLIS).gapCleaningThreshold(GAP_CLEANING_THRESHOLD));
        this.entityManagers = entityManagers;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Axon's reading of the events after a token (JpaEventStorageEngine 4.13.0, line for line: the same query through
     * {@link #fetchEvents}, the same tokens, the same gap handling, "now" from the ledger's clock — the same system
     * time, to the millisecond — where Axon reads its global clock), except that each event's timestamp is parsed once,
     * by {@link StoredTimestamps}, and kept on its entry: Axon's entry parses its text through {@code DateTimeFormatter}
     * each time it is asked, here once for the token and once more for the message — a fifth of a replay's reading of
     * the events (docs/benchmarks.md, forty-fifth round).
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            return super.fetchTrackedEvents(lastToken, batchSize); // Axon's own refusal of the token's type
        }
        GapAwareTrackingToken previousToken = cleanedToken((GapAwareTrackingToken) lastToken);
        List<Object[]> entries = transactions.fetchInTransaction(() -> fetchEvents(previousToken));
        List<TrackedEventData<?>> result = new ArrayList<>(entries.size());
        GapAwareTrackingToken token = previousToken;
        for (Object[] entry : entries) {
            long globalSequence = (Long) entry[0];
            String aggregateIdentifier = (String) entry[2];
            String eventIdentifier = (String) entry[4];
            StoredEntry<?> domainEvent = new StoredEntry<>(
                    (String) entry[1], eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                    (long) entry[3], eventIdentifier, entry[5],
                    (String) entry[6], (String) entry[7], entry[8], entry[9]);
            boolean allowGaps = domainEvent.getTimestamp().isAfter(gapTimeoutThreshold());
            if (token == null) {
                token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet());
            } else {
                token = token.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
            }
            result.add(new TrackedDomainEventData<>(token, domainEvent));
        }
        return result;
    }

    /** Axon's: a token with many gaps loses those older than the gap timeout, up to the first that is not. */
    private GapAwareTrackingToken cleanedToken(GapAwareTrackingToken lastToken) {
        if (lastToken == null || lastToken.getGaps().size() <= GAP_CLEANING_THRESHOLD) {
            return lastToken;
        }
        List<Object[]> indexToTimestamp = transactions.fetchInTransaction(() -> entityManager().createQuery(
                        "SELECT e.globalIndex, e.timeStamp FROM " + domainEventEntryEntityName() + " e "
                                + "WHERE e.globalIndex >= :firstGapOffset AND e.globalIndex <= :maxGlobalIndex",
                        Object[].class)
                .setParameter("firstGapOffset", lastToken.getGaps().first())
                .setParameter("maxGlobalIndex", lastToken.getGaps().last() + 1L)
                .getResultList());
        Instant threshold = gapTimeoutThreshold();
        GapAwareTrackingToken cleaned = lastToken;
        for (Object[] row : indexToTimestamp) {
            try {
                Instant timestamp = StoredTimestamps.parse(row[1].toString());
                long sequenceNumber = (long) row[0];
                if (cleaned.getGaps().contains(sequenceNumber) || timestamp.isAfter(threshold)) {
                    return cleaned; // a gap filled, or an event too recent: no further cleaning
                }
                if (cleaned.getGaps().contains(sequenceNumber - 1)) {
                    cleaned = cleaned.withGapsTruncatedAt(sequenceNumber);
                }
            } catch (DateTimeParseException e) {
                log.info("Unable to parse timestamp ('{}') to clean old gaps. Trying to proceed. Exception message:"
                        + " {}.", e.getParsedString(), e.getMessage());
            }
        }
        return cleaned;
    }

    private Instant gapTimeoutThreshold() {
        return clock.instant().minusMillis(GAP_TIMEOUT_MILLIS);
    }

    /** Axon's entry of a stored event, its timestamp parsed once, when first asked for. */
    static final class StoredEntry<T> extends GenericDomainEventEntry<T> {

        private final String text;
        private Instant timestamp;

        StoredEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                    Object timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                    payload, metaData);
            this.text = timestamp instanceof TemporalAccessor ? null : timestamp.toString();
        }

        @Override
        public Instant getTimestamp() {
            Instant parsed = timestamp;
            if (parsed == null) {
                parsed = text == null ? super.getTimestamp() : StoredTimestamps.parse(text);
                timestamp = parsed;
            }
            return parsed;
        }
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
