package com.claimledger.ledger.write;

import com.claimledger.kernel.RecordedNotYetVisible;
import com.claimledger.kernel.Written;
import com.claimledger.ledger.api.LedgerWrites;
import com.claimledger.ledger.config.WakeableEventStore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one way the ledger is written (see {@link LedgerWrites}): one transaction per write, a write that lost a race
 * run again from the start, and after the commit a wait until the projections show what the write recorded — or,
 * past the patience, {@link RecordedNotYetVisible}.
 */
@Component
class ConsistentWrites implements LedgerWrites {

    private static final Logger log = LoggerFactory.getLogger(ConsistentWrites.class);

    private final TransactionTemplate transaction;
    private final CommandGateway commands;
    private final ProjectionProgress projections;
    private final Duration retryFor;
    private final NamedParameterJdbcTemplate jdbc;
    private final WakeableEventStore eventStore;

    ConsistentWrites(PlatformTransactionManager transactionManager, CommandGateway commands,
                     ProjectionProgress projections, @Value("${ledger.writes.retry-for:10s}") Duration retryFor,
                     NamedParameterJdbcTemplate jdbc, WakeableEventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.transaction = new TransactionTemplate(transactionManager);
        this.commands = commands;
        this.projections = projections;
        this.retryFor = retryFor;
    }

    @Override
    public <T> T write(Supplier<T> work) {
        if (WrittenEvents.current() != null) {
            return work.get();
        }
        // The winner of a race may take a while to commit (a large dossier, a busy machine): retry until then.
        long deadline = System.nanoTime() + retryFor.toNanos();
        for (int attempt = 1; ; attempt++) {
            WrittenEvents events = new WrittenEvents();
            T result;
            try {
                result = transaction.execute(status -> {
                    events.bind();
                    try {
                        return work.get();
                    } finally {
                        events.unbind();
                    }
                });
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline || !lostRace(e)) {
                    throw e;
                }
                log.debug("write attempt {} lost a race ({}); running it again", attempt, e.toString());
                pause(attempt);
                continue;
            }
            if (!events.isEmpty()) {
                eventStore.committed();
                if (!projections.await(events.eventIds(), events.repeatedAggregates())) {
                    // Committed: the caller must learn that it is stored, not read back a view without it (a 404
                    // for a claim just recorded) nor take it for a failure and write it again.
                    throw new RecordedNotYetVisible(events.records(), result, projections.patience());
                }
            }
            return result;
        }
    }

    @Override
    public <T> T writeAlone(Supplier<T> work) {
        return write(() -> {
            jdbc.update("update ledger_counter set next_sequence = next_sequence where id = 1", Map.of());
            return work.get();
        });
    }

    @Override
    public Written<String> createOrRepeat(String id, Object command) {
        return write(() -> {
            WrittenEvents events = WrittenEvents.current();
            int mark = events.mark();
            commands.sendAndWait(command);
            boolean created = events.appendedFor(id, mark);
            if (!created) {
                events.repeated(id);
            }
            return new Written<>(id, created);
        });
    }

    /**
     * Another writer stored the same record (or took the lock on it) first: the event store's unique key on an
     * aggregate's sequence, a directory's unique key, a lock wait. Nothing of this write was stored.
     */
    private static boolean lostRace(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof DuplicateKeyException
                    || cause instanceof ConcurrencyFailureException) {
                return true;
            }
        }
        return false;
    }

    /** A short, growing, jittered pause, so that the writers of one race do not meet again at once. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10) + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", e);
        }
    }
}
