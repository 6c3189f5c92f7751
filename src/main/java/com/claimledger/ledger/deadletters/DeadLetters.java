package com.claimledger.ledger.deadletters;

import com.claimledger.kernel.LedgerException;
import com.claimledger.ledger.replay.ReplayService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events a projection failed on, per processing group: listed for admins, counted as the metric
 * {@code ledger.projections.dead_letters}, and retried on demand once the fault is removed.
 */
@Component
public class DeadLetters {

    public record Letter(String processingGroup, String eventId, String type, String aggregateId, String cause,
                         Instant enqueuedAt, Instant lastTouched) {
    }

    public record Retry(long retried, long remaining) {
    }

    private final EventProcessingConfiguration processing;
    private final ReplayService replays;

    DeadLetters(EventProcessingConfiguration processing, ReplayService replays, MeterRegistry meters) {
        this.processing = processing;
        this.replays = replays;
        Gauge.builder("ledger.projections.dead_letters", this::count)
                .description("events a projection failed on, waiting for a retry").register(meters);
    }

    public List<Letter> list() {
        List<Letter> letters = new ArrayList<>();
        for (String group : groups()) {
            queue(group).ifPresent(queue -> queue.deadLetters().forEach(sequence -> sequence.forEach(letter ->
                    letters.add(describe(group, letter)))));
        }
        return letters;
    }

    /**
     * Retries every dead-lettered sequence once, in order; what fails again stays queued. Refused while a replay
     * rebuilds the projections, on this node or another (its switch brings in the letters of the rebuild); a replay
     * that starts on another node during the retry stops it before the next letter.
     */
    public Retry retryAll() {
        return replays.unlessReplaying(WHAT, this::retryEach);
    }

    private static final String WHAT = "retry the dead letters";

    private Retry retryEach() {
        long retried = 0;
        for (String group : groups()) {
            Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor = processing.sequencedDeadLetterProcessor(group);
            long sequences = queue(group).map(SequencedDeadLetterQueue::amountOfSequences).orElse(0L);
            for (long i = 0; i < sequences && processor.isPresent(); i++) {
                SequencedDeadLetterProcessor<EventMessage<?>> letters = processor.get();
                try {
                    if (Boolean.TRUE.equals(replays.stepUnlessReplaying(WHAT, letters::processAny))) {
                        retried++;
                    }
                } catch (LedgerException refused) {
                    throw retried == 0 ? refused : LedgerException.conflict(refused.getMessage() + " (" + retried
                            + " retried before it started)");
                }
            }
        }
        return new Retry(retried, count());
    }

    public long count() {
        return groups().stream().mapToLong(group -> queue(group).map(SequencedDeadLetterQueue::size).orElse(0L)).sum();
    }

    private List<String> groups() {
        return processing.eventProcessors().keySet().stream().sorted().toList();
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        return processing.deadLetterQueue(group);
    }

    private static Letter describe(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String aggregateId = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        String cause = letter.cause().map(c -> c.message()).orElse(null);
        return new Letter(group, message.getIdentifier(), message.getPayloadType().getSimpleName(), aggregateId, cause,
                letter.enqueuedAt(), letter.lastTouched());
    }
}
