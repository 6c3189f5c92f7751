package com.claimledger.ledger.write;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far the streaming projections have come through the event store.
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
    private final Duration patience;

    ProjectionProgress(NamedParameterJdbcTemplate jdbc, EventProcessingConfiguration processing,
                       @Value("${ledger.projections.read-your-writes-timeout:10s}") Duration patience) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.patience = patience;
    }

    /** Waits (bounded by the patience) until every projection has processed these events and every event of these aggregates. */
    void await(Collection<String> eventIds, Collection<String> aggregateIds) {
        var params = new MapSqlParameterSource().addValue("events", eventIds.isEmpty() ? List.of("") : eventIds)
                .addValue("aggregates", aggregateIds.isEmpty() ? List.of("") : aggregateIds);
        List<Long> positions = jdbc.queryForList("""
                select global_index from domain_event_entry
                where event_identifier in (:events) or aggregate_identifier in (:aggregates)""", params, Long.class);
        long deadline = System.nanoTime() + patience.toNanos();
        while (!processed(positions)) {
            if (System.nanoTime() > deadline) {
                log.warn("projections did not process positions {} within {}", positions, patience);
                return;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * How many stored events the slowest projection has yet to process (by event store position); empty while a
     * projection has not started yet.
     */
    public OptionalLong lag() {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), -1) from domain_event_entry", Map.of(), Long.class);
        long slowest = Long.MAX_VALUE;
        for (StreamingEventProcessor processor : streamingProcessors()) {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            if (status.isEmpty()) {
                return OptionalLong.empty();
            }
            for (EventTrackerStatus segment : status.values()) {
                TrackingToken token = WrappedToken.unwrapLowerBound(segment.getTrackingToken());
                long position = token == null ? -1 : token.position().orElse(-1);
                slowest = Math.min(slowest, position);
            }
        }
        return OptionalLong.of(slowest == Long.MAX_VALUE ? 0 : Math.max(0, head - slowest));
    }

    private boolean processed(List<Long> positions) {
        for (StreamingEventProcessor processor : streamingProcessors()) {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            if (status.isEmpty()) {
                return false;
            }
            for (EventTrackerStatus segment : status.values()) {
                if (!positions.stream().allMatch(position -> passed(segment.getTrackingToken(), position))) {
                    return false;
                }
            }
        }
        return true;
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
