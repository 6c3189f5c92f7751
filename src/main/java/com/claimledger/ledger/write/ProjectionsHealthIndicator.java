package com.claimledger.ledger.write;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * Health "projections": UP once every projection has caught up with the stored events to within
 * {@code ledger.readiness.max-lag} positions; OUT_OF_SERVICE before (a node that serves stale views is not ready for
 * a load balancer). Part of the readiness group and of {@code /actuator/health}.
 */
@Component
class ProjectionsHealthIndicator implements HealthIndicator {

    private final ProjectionProgress progress;
    private final long maxLag;

    ProjectionsHealthIndicator(ProjectionProgress progress, @Value("${ledger.readiness.max-lag:1000}") long maxLag) {
        this.progress = progress;
        this.maxLag = maxLag;
    }

    @Override
    public Health health() {
        OptionalLong lag = progress.lag();
        if (lag.isEmpty()) {
            return Health.status(Status.OUT_OF_SERVICE).withDetail("reason", "projections not started").build();
        }
        Health.Builder health = lag.getAsLong() <= maxLag ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
        return health.withDetail("lag", lag.getAsLong()).build();
    }
}
