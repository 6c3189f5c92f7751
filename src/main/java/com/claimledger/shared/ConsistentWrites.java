package com.claimledger.shared;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every write runs as one database transaction, however many commands it sends (a claim that registers the
 * entities it names, a whole dossier): all of it is stored, or none. After the commit the writer waits until every
 * projection has processed the events of this write, so that a client reads what it has just written.
 * <p>
 * It waits for its own events, not for the head of the event store: with concurrent writers an event store position
 * can commit after a higher one, and a projection past the higher one may still have the lower one as a gap.
 */
@Component
public class ConsistentWrites {

    private static final Logger log = LoggerFactory.getLogger(ConsistentWrites.class);
    private static final ThreadLocal<List<String>> EVENTS_OF_THIS_WRITE = new ThreadLocal<>();

    private final TransactionTemplate transaction;
    private final NamedParameterJdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Duration patience;

    public ConsistentWrites(PlatformTransactionManager transactionManager, NamedParameterJdbcTemplate jdbc,
                            EventProcessingConfiguration processing,
                            @Value("${ledger.projections.read-your-writes-timeout:10s}") Duration patience) {
        this.transaction = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.processing = processing;
        this.patience = patience;
    }

    /** Called by the ledger for each event it appends, inside the storing transaction. */
    public static void appended(String eventIdentifier) {
        List<String> events = EVENTS_OF_THIS_WRITE.get();
        if (events != null) {
            events.add(eventIdentifier);
        }
    }

    public <T> T write(Supplier<T> work) {
        List<String> events = new ArrayList<>();
        EVENTS_OF_THIS_WRITE.set(events);
        T result;
        try {
            result = transaction.execute(status -> work.get());
        } finally {
            EVENTS_OF_THIS_WRITE.remove();
        }
        if (!events.isEmpty()) {
            awaitProjections(jdbc.queryForList("select global_index from domain_event_entry where event_identifier in (:ids)",
                    Map.of("ids", events), Long.class));
        }
        return result;
    }

    /** Waits until every streaming projection has processed these event store positions (bounded by the patience). */
    private void awaitProjections(List<Long> positions) {
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

    private boolean processed(List<Long> positions) {
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
                if (status.isEmpty()) {
                    return false;
                }
                for (EventTrackerStatus segment : status.values()) {
                    if (!positions.stream().allMatch(position -> passed(segment.getTrackingToken(), position))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean passed(TrackingToken token, long position) {
        TrackingToken current = WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return current != null && current.position().orElse(-1) >= position;
    }
}
