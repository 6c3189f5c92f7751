package com.claimledger.ledger.write;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.OptionalLong;

/**
 * How far the streaming projections have come through the event store, read from the shared token store, so that
 * it holds on every node whatever node processes which segment.
 * <p>
 * A writer waits for its own events' positions, not for the head of the event store: with concurrent writers an
 * event store position can commit after a higher one, and a projection past the higher one may still have the lower
 * one as a gap.
 */
@Component
public class ProjectionProgress {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProgress.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Serializer serializer;
    private final Duration patience;
    /** Each projection's segments as stored in the token store; they never change once created (no split or merge). */
    private final Map<String, Set<Integer>> segmentsOf = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> payloadTypes = new ConcurrentHashMap<>();

    ProjectionProgress(NamedParameterJdbcTemplate jdbc, EventProcessingConfiguration processing,
                       @Qualifier("serializer") Serializer serializer,
                       @Value("${ledger.projections.read-your-writes-timeout:10s}") Duration patience) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.serializer = serializer;
        this.patience = patience;
    }

    /**
     * Waits (bounded by the patience) until every projection has processed these events and every event of these
     * aggregates; false if the patience ran out first. Two index lookups, one a column: an {@code or} across the two
     * columns made H2 read the whole event store on every write (a second a write at 10^5 claims,
     * docs/benchmarks.md); and two statements rather than their {@code union}, which H2 parses and plans anew on every
     * call (it keeps no union in its statement cache: 4% of a single write's HTTP thread, twentieth round).
     */
    boolean await(Collection<String> eventIds, Collection<String> aggregateIds) {
        Set<Stored> found = new LinkedHashSet<>();
        storedWhere("event_identifier", eventIds, found);
        storedWhere("aggregate_identifier", aggregateIds, found);
        List<Stored> positions = List.copyOf(found);
        long deadline = System.nanoTime() + patience.toNanos();
        while (!processed(positions)) {
            if (System.nanoTime() > deadline) {
                // Where each projection stands, for whoever reads the log: behind, stuck in an error, or not claimed.
                log.warn("projections did not process positions {} within {}; the projections: {}", positions, patience,
                        standing());
                return false;
            }
            try {
                Thread.sleep(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** The stored events whose column holds one of these values, added to the set (a record: each event once). */
    private void storedWhere(String column, Collection<String> values, Set<Stored> found) {
        if (values.isEmpty()) {
            return;
        }
        jdbc.query("select global_index, type, aggregate_identifier, sequence_number, payload_type"
                        + " from domain_event_entry where " + column + " in (:values)", Map.of("values", values),
                (rs, row) -> found.add(new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5))));
    }

    private String standing() {
        StringBuilder standing = new StringBuilder();
        for (StreamingEventProcessor processor : streamingProcessors()) {
            standing.append(processor.getName()).append(processor.isRunning() ? "" : " (stopped)")
                    .append(processor.isError() ? " (in error)" : "").append(": ");
            processor.processingStatus().forEach((segment, status) -> standing.append("segment ").append(segment)
                    .append(" at ").append(status.getCurrentPosition().orElse(-1))
                    .append(status.isErrorState() ? " in error " + status.getError() : "").append("; "));
        }
        return standing.toString();
    }

    Duration patience() {
        return patience;
    }

    /**
     * How many stored events the slowest projection has yet to process (by event store position); empty while a
     * projection has no stored token yet.
     */
    public OptionalLong lag() {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry", Map.of(), Long.class);
        Map<String, Map<Integer, TrackingToken>> stored = storedTokens();
        long slowest = Long.MAX_VALUE;
        for (StreamingEventProcessor processor : streamingProcessors()) {
            Map<Integer, TrackingToken> segments = stored.getOrDefault(processor.getName(), Map.of());
            if (segments.isEmpty()) {
                return OptionalLong.empty();
            }
            for (TrackingToken token : segments.values()) {
                slowest = Math.min(slowest, token == null ? -1 : token.position().orElse(-1));
            }
        }
        return OptionalLong.of(slowest == Long.MAX_VALUE ? 0 : Math.max(0, head - slowest));
    }

    /**
     * Every segment of every projection has passed these events: a segment this node processes by its own tracker
     * (which moves at once, also past events the projection ignores), any other by its stored token — and there only
     * where that segment handles the event. A pooled processor stores the token of a segment that only skipped events
     * at its next claim extension (seconds later), so waiting on such a segment for an event it does not handle would
     * hold a write taken by another node for seconds.
     */
    private boolean processed(List<Stored> events) {
        Map<String, Map<Integer, TrackingToken>> stored = null;
        for (StreamingEventProcessor processor : streamingProcessors()) {
            Map<Integer, TrackingToken> local = new HashMap<>();
            processor.processingStatus().forEach((segment, status) -> local.put(segment, status.getTrackingToken()));
            for (TrackingToken token : local.values()) {
                if (!events.stream().allMatch(event -> passed(token, event.position()))) {
                    return false;
                }
            }
            Set<Integer> all = segmentsOf.get(processor.getName());
            if (all != null && local.keySet().containsAll(all)) {
                continue;
            }
            // Some segment is processed elsewhere (or not claimed yet): its stored token says how far it is.
            stored = stored == null ? storedTokens() : stored;
            Map<Integer, TrackingToken> storedSegments = stored.getOrDefault(processor.getName(), Map.of());
            if (storedSegments.isEmpty()) {
                return false;
            }
            segmentsOf.put(processor.getName(), Set.copyOf(storedSegments.keySet()));
            int[] ids = storedSegments.keySet().stream().mapToInt(Integer::intValue).toArray();
            for (Map.Entry<Integer, TrackingToken> remote : storedSegments.entrySet()) {
                if (local.containsKey(remote.getKey())) {
                    continue;
                }
                Segment segment = Segment.computeSegment(remote.getKey(), ids);
                for (Stored event : events) {
                    if (handles(processor, event, segment) && !passed(remote.getValue(), event.position())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Whether this segment of the processor handles the event: a handler for its payload type, and the event's
     * sequence (by the processor's sequencing policy) in the segment. When in doubt, yes.
     */
    private boolean handles(StreamingEventProcessor processor, Stored event, Segment segment) {
        if (!(processor instanceof AbstractEventProcessor known)) {
            return true;
        }
        Class<?> payloadType = payloadTypes.computeIfAbsent(event.payloadType(), ProjectionProgress::classOrNull);
        if (payloadType == null) {
            return true;
        }
        try {
            // The payload itself is not needed to decide: handlers are chosen by its type, sequences by the aggregate.
            @SuppressWarnings({"rawtypes", "unchecked"})
            Message<?> message = new GenericMessage(event.position() + "", payloadType, null, MetaData.emptyInstance());
            return known.eventHandlerInvoker().canHandle(new GenericDomainEventMessage<>(event.type(), event.aggregateId(),
                    event.sequence(), message, () -> java.time.Instant.EPOCH), segment);
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static Class<?> classOrNull(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** A written event as stored: what decides which projection segments handle it. */
    private record Stored(long position, String type, String aggregateId, long sequence, String payloadType) {
    }

    /**
     * The committed tokens of every streaming projection, per segment, as stored in the shared token store: what
     * the projections' tables show, whichever node processes which segment (a token is stored in the transaction
     * that writes the projection's rows).
     */
    private Map<String, Map<Integer, TrackingToken>> storedTokens() {
        List<String> names = streamingProcessors().stream().map(EventProcessor::getName).toList();
        Map<String, Map<Integer, TrackingToken>> tokens = new HashMap<>();
        if (names.isEmpty()) {
            return tokens;
        }
        jdbc.query("select processor_name, segment, token, token_type from token_entry where processor_name in (:names)",
                Map.of("names", names), rs -> {
                    byte[] bytes = rs.getBytes("token");
                    String type = rs.getString("token_type");
                    TrackingToken token = bytes == null || type == null ? null : serializer.deserialize(
                            new SimpleSerializedObject<>(bytes, byte[].class, type, null));
                    tokens.computeIfAbsent(rs.getString("processor_name"), name -> new HashMap<>())
                            .put(rs.getInt("segment"), token);
                });
        return tokens;
    }

    private List<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast).toList();
    }

    private static boolean passed(TrackingToken token, long position) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }
}
