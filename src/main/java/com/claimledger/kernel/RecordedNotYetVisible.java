package com.claimledger.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A write that committed — every event of it is on disk, in the ledger — but that the projections had not shown
 * within the read-your-writes patience. Not a refusal: the write is kept and is not to be sent again as if it had
 * failed. The web answers 202 Accepted with where to read the record once the views show it; a caller in the
 * process carries on knowing the write is stored.
 *
 * @param records the ids of the records the write recorded or found already recorded, in the order written
 * @param result  what the write returned (a {@link Written} for a create), or null
 * @param waited  how long the write waited for the projections
 */
public class RecordedNotYetVisible extends RuntimeException {

    private final transient List<String> records;
    private final transient Object result;
    private final Duration waited;

    public RecordedNotYetVisible(List<String> records, Object result, Duration waited) {
        super("recorded in the ledger, but the views did not show it within " + waited
                + " (the projections are behind); read it again shortly", null, false, false);
        this.records = List.copyOf(records);
        this.result = result;
        this.waited = waited;
    }

    public List<String> records() {
        return records;
    }

    /** The id of the record a create made or repeated, when the write was one. */
    public Optional<String> createdId() {
        return result instanceof Written<?> written && written.value() instanceof String id ? Optional.of(id) : Optional.empty();
    }

    public Object result() {
        return result;
    }

    public Duration waited() {
        return waited;
    }
}
