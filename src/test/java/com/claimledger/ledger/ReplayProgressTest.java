package com.claimledger.ledger;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.claimledger.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/admin/replay/{id}} shows {@code processed} moving while the replay runs. A projection of this test
 * only, slow while the replay runs, makes the replay last long enough to be watched; it is registered on an
 * application of its own, so no other test sees it.
 */
class ReplayProgressTest {

    /** Handles every event, slowly once {@link #slow} is set. Deliberately no stereotype: component scanning skips it. */
    @ProcessingGroup("replay-progress-probe")
    static class SlowProjection {

        final AtomicBoolean slow = new AtomicBoolean();

        @EventHandler
        void on(Object event) throws InterruptedException {
            if (slow.get()) {
                Thread.sleep(15);
            }
        }
    }

    @Test
    void processedMovesWhileTheReplayRunsAndEndsAtTheTotal(@TempDir Path dataDir) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ClaimLedgerApplication.class,
                SlowProjection.class).run(TestDatabase.args("--ledger.data-dir=" + dataDir, "--server.port=0",
                "--ledger.security.editors=editor:" + Http.EDITOR, "--ledger.security.admins=admin:" + Http.ADMIN))) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            long events = http.ledgerSize();
            assertThat(events).as("the seed gives the replay something to do").isGreaterThan(50);
            app.getBean(SlowProjection.class).slow.set(true);

            var started = http.post("/api/admin/replay", Map.of(), Http.ADMIN);
            assertThat(started.status()).isEqualTo(202);
            String id = started.json().get("id").asText();
            long total = started.json().get("total").asLong();
            assertThat(total).isEqualTo(events);

            List<Long> whileRunning = new ArrayList<>();
            JsonNode status;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            do {
                Thread.sleep(20);
                status = http.get("/api/admin/replay/" + id).json();
                if (status.get("status").asText().equals("RUNNING")) {
                    whileRunning.add(status.get("processed").asLong());
                }
            } while (status.get("status").asText().equals("RUNNING") && System.nanoTime() < deadline);

            assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(status.get("processed").asLong()).isEqualTo(total);
            assertThat(whileRunning).as("progress seen while running").anyMatch(n -> n > 0 && n < total);
            assertThat(whileRunning).as("progress never goes back").isSorted();
        }
    }
}
