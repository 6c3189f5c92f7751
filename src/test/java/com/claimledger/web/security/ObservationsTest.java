package com.claimledger.web.security;

import com.claimledger.support.ApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request is observed once, as {@code http.server.requests} (what an operator reads a request's latency from), and not
 * by Spring Security's filter chain, authentication and authorization on top: their observations were some 12% of a
 * light read's CPU at 10^6 entries (docs/benchmarks.md, thirty-third round).
 */
class ObservationsTest extends ApiTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aRequestIsObservedOnceAndNotBySpringSecurity() {
        http.send("GET", "/api/claims?limit=1", null, null);
        http.send("GET", "/actuator/health", null, null);

        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.getMeters()).noneMatch(meter -> meter.getId().getName().startsWith("spring.security"));
    }
}
