package com.claimledger.ledger.replay;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.claimledger.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay whose lease was lost — it expired while the replay's node stalled, and another replay took it — is refused
 * at its switch and changes nothing: the projections stay as they were (here, damaged), and the other replay's lease
 * stays its own. Once the lease is free again, a replay completes and repairs them.
 */
class ReplayLeaseLostTest {

    @Test
    void aReplayThatLostItsLeaseIsRefusedAtItsSwitch(@TempDir Path dataDir) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ClaimLedgerApplication.class,
                PostgresReplayLeaseTest.HoldingRebuild.class).run(TestDatabase.args("--ledger.data-dir=" + dataDir,
                "--server.port=0", "--ledger.security.editors=editor:" + Http.EDITOR,
                "--ledger.security.admins=admin:" + Http.ADMIN))) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            PostgresReplayLeaseTest.HoldingRebuild probe = app.getBean(PostgresReplayLeaseTest.HoldingRebuild.class);
            String checksum = http.get("/api/views/checksum").json().get("checksum").asText();
            String lost = jdbc.queryForObject("select claim_id from claim_view order by claim_id fetch first 1 rows only",
                    String.class);
            jdbc.update("delete from claim_view where claim_id = ?", lost);
            String damaged = http.get("/api/views/checksum").json().get("checksum").asText();
            assertThat(damaged).isNotEqualTo(checksum);

            probe.hold.set(true);
            String id = http.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
            assertThat(probe.held.await(60, TimeUnit.SECONDS)).isTrue();
            // The lease expires under the held replay and another replay takes it.
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.update("update replay_lease set replay_id = ?, node = ?, started_at = ?, expires_at = ?",
                    "another-replay", "node-x", now, now.plusMinutes(5));
            probe.hold.set(false);
            probe.release.countDown();

            assertThat(awaitEnd(http, id)).isEqualTo("FAILED");
            assertThat(http.get("/api/views/checksum").json().get("checksum").asText()).as("nothing switched in")
                    .isEqualTo(damaged);
            assertThat(jdbc.queryForObject("select replay_id from replay_lease", String.class))
                    .as("the other replay's lease left to it").isEqualTo("another-replay");
            assertThat(http.post("/api/admin/replay", Map.of(), Http.ADMIN).status()).isEqualTo(409);

            jdbc.update("update replay_lease set replay_id = null, node = null, started_at = null, expires_at = null");
            String again = http.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
            assertThat(awaitEnd(http, again)).isEqualTo("COMPLETED");
            assertThat(http.get("/api/views/checksum").json().get("checksum").asText()).isEqualTo(checksum);
        }
    }

    private static String awaitEnd(Http http, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String status;
        do {
            Thread.sleep(20);
            status = http.get("/api/admin/replay/" + id).json().get("status").asText();
        } while (status.equals("RUNNING") && System.nanoTime() < deadline);
        return status;
    }
}
