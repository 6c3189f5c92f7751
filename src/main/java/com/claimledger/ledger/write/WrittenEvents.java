package com.claimledger.ledger.write;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one write has recorded so far: bound to the write's Spring transaction as a resource, filled by the ledger
 * as it appends each event inside that transaction, and read by the writer after the commit to wait for exactly its
 * own events (and, for identical repeats, for the records it found already there).
 */
public final class WrittenEvents {

    private record Appended(String eventId, String aggregateId) {
    }

    private final List<Appended> appended = new ArrayList<>();
    private final Set<String> repeated = new LinkedHashSet<>();

    /** The events of the write bound to the current transaction, or null outside a ledger write. */
    static WrittenEvents current() {
        return (WrittenEvents) TransactionSynchronizationManager.getResource(WrittenEvents.class);
    }

    void bind() {
        TransactionSynchronizationManager.bindResource(WrittenEvents.class, this);
    }

    void unbind() {
        TransactionSynchronizationManager.unbindResourceIfPossible(WrittenEvents.class);
    }

    /** Called by the ledger for each event it appends, inside the storing transaction. */
    public static void appended(String eventId, String aggregateId) {
        WrittenEvents write = current();
        if (write != null) {
            write.appended.add(new Appended(eventId, aggregateId));
        }
    }

    int mark() {
        return appended.size();
    }

    boolean appendedFor(String aggregateId, int since) {
        return appended.subList(since, appended.size()).stream().anyMatch(a -> Objects.equals(a.aggregateId(), aggregateId));
    }

    void repeated(String aggregateId) {
        repeated.add(aggregateId);
    }

    List<String> eventIds() {
        return appended.stream().map(Appended::eventId).toList();
    }

    /** The records this write appended to or found already recorded, each once, in the order written. */
    List<String> records() {
        Set<String> records = new LinkedHashSet<>();
        appended.forEach(a -> records.add(a.aggregateId()));
        records.addAll(repeated);
        records.remove(null);
        return List.copyOf(records);
    }

    Set<String> repeatedAggregates() {
        return repeated;
    }

    boolean isEmpty() {
        return appended.isEmpty() && repeated.isEmpty();
    }
}
