package com.claimledger.ledger.api;

import com.claimledger.kernel.Written;

import java.util.function.Supplier;

/**
 * How every module writes to the ledger. A write is one database transaction however many commands it sends (a
 * claim that registers the entities it names, a whole dossier): all of it is stored, or none. When it returns, every
 * projection has processed the events it recorded (read-your-writes); if the projections have not within
 * {@code ledger.projections.read-your-writes-timeout}, it throws {@link com.claimledger.kernel.RecordedNotYetVisible}
 * — the write is stored all the same. A write started inside another write joins it.
 * <p>
 * A write that loses a race for the same record to a concurrent writer (the event store's unique key, a directory's
 * unique name) is run again from the start: nothing of it was stored, and every write here is safe to repeat.
 */
public interface LedgerWrites {

    <T> T write(Supplier<T> work);

    /**
     * A write that runs alone among the writers of every node sharing the database: it first takes the ledger's
     * append lock (the one ordering point of all appends). For decisions that read before they write, such as
     * loading the seed into a ledger that is still empty while other nodes start too.
     */
    <T> T writeAlone(Supplier<T> work);

    /**
     * Create, or accept an identical repeat, else 409: sends a command that records the record {@code id} or finds it
     * already recorded with identical content (the aggregate refuses other content as a conflict). {@code created}
     * says whether this write recorded it. A repeat still waits until the projections show the record, so that a
     * client retrying while its first try is in flight reads what it wrote.
     */
    Written<String> createOrRepeat(String id, Object command);
}
