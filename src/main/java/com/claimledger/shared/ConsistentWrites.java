package com.claimledger.shared;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Every write runs as one database transaction, however many commands it sends (a claim that registers the
 * entities it names, a whole dossier): all of it is stored, or none. After the commit the writer waits until every
 * projection has processed the ledger up to its write, so that a client reads what it has just written.
 */
@Component
public class ConsistentWrites {

    private static final Logger log = LoggerFactory.getLogger(ConsistentWrites.class);

    private final TransactionTemplate transaction;
    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final Duration patience;

    public ConsistentWrites(PlatformTransactionManager transactionManager, EventStore eventStore,
                            EventProcessingConfiguration processing,
                            @Value("${ledger.projections.read-your-writes-timeout:10s}") Duration patience) {
        this.transaction = new TransactionTemplate(transactionManager);
        this.eventStore = eventStore;
        this.processing = processing;
        this.patience = patience;
    }

    public <T> T write(Supplier<T> work) {
        T result = transaction.execute(status -> work.get());
        awaitProjections();
        return result;
    }

    /** Waits until every streaming projection has processed the ledger head as it is now (bounded by the patience). */
    public void awaitProjections() {
        OptionalLong head = eventStore.createHeadToken() == null ? OptionalLong.empty() : eventStore.createHeadToken().position();
        if (head.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (!caughtUp(head.getAsLong())) {
            if (System.nanoTime() > deadline) {
                log.warn("projections did not reach ledger position {} within {}", head.getAsLong(), patience);
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

    private boolean caughtUp(long position) {
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
                if (status.isEmpty()) {
                    return false;
                }
                for (EventTrackerStatus segment : status.values()) {
                    if (segment.getCurrentPosition().orElse(-1) < position) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
