package com.claimledger.ledger.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * H2's housekeeping as counters under {@code /actuator/metrics}: the rounds run, those that rewrote chunks, and the
 * seconds they took of the rounds' thread — whose rate is the share of a core the file's compaction takes, minutes
 * long after a large import (docs/benchmarks.md, thirty-first round). On a database that is not embedded H2 they stay
 * at zero.
 */
@Component
class H2HousekeepingMetrics implements MeterBinder {

    private final H2Housekeeping housekeeping;

    H2HousekeepingMetrics(H2Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("ledger.h2.housekeeping.rounds", housekeeping, H2Housekeeping::roundsRun)
                .description("H2 housekeeping rounds run").register(registry);
        FunctionCounter.builder("ledger.h2.housekeeping.rewrites", housekeeping, H2Housekeeping::roundsRewrote)
                .description("H2 housekeeping rounds that rewrote sparse chunks").register(registry);
        FunctionCounter.builder("ledger.h2.housekeeping.time", housekeeping, H2Housekeeping::roundsSeconds)
                .baseUnit("seconds").description("Time the H2 housekeeping rounds took of their thread")
                .register(registry);
    }
}
