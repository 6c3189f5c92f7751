package com.claimledger.ledger.config;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The housekeeping's rounds, those that rewrote chunks and the time they took are counters an operator can watch
 * under {@code /actuator/metrics}: the rate of the time is the share of a core the file's compaction takes.
 */
class H2HousekeepingMetricsTest extends ApiTest {

    @Test
    void theRoundsAndTheirTimeAreCountedAsTheyRun(@TempDir Path dir) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection keepOpen = h2.getConnection(); Statement sql = keepOpen.createStatement()) {
            sql.execute("create table entry (id int primary key, body varchar(400))");
            H2Housekeeping keeper = new H2Housekeeping(h2, Duration.ZERO, 80, 64, 25, Duration.ofSeconds(60));
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new H2HousekeepingMetrics(keeper).bindTo(registry);
            assertThat(registry.get("ledger.h2.housekeeping.rounds").functionCounter().count()).isZero();

            H2HousekeepingTest.churn(keepOpen, 3000, keeper);
            assertThat(registry.get("ledger.h2.housekeeping.rounds").functionCounter().count()).isEqualTo(60);
            assertThat(registry.get("ledger.h2.housekeeping.rewrites").functionCounter().count()).isBetween(1.0, 60.0);
            assertThat(registry.get("ledger.h2.housekeeping.time").functionCounter().count()).isPositive();
        }
    }

    @Test
    void theApplicationServesTheCounters() {
        for (String name : new String[]{"rounds", "rewrites", "time"}) {
            JsonNode metric = http.send("GET", "/actuator/metrics/ledger.h2.housekeeping." + name, null, Http.ADMIN).json();
            assertThat(metric.get("measurements").get(0).get("value").asDouble()).as(name).isGreaterThanOrEqualTo(0);
        }
        JsonNode time = http.send("GET", "/actuator/metrics/ledger.h2.housekeeping.time", null, Http.ADMIN).json();
        assertThat(time.get("baseUnit").asText()).isEqualTo("seconds");
    }
}
