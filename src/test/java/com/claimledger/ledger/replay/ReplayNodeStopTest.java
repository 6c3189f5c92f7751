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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node stops while its replay rebuilds the projections: the stop waits for the replay's batch under way, the replay
 * ends there — FAILED, nothing switched in — and gives back the database's lease before the database closes, so that
 * the next node (or, with several, every other node) need not wait for the lease to expire: it replays at once.
 */
class ReplayNodeStopTest {

    @Test
    void aNodeStoppingMidReplayEndsTheReplayAndGivesBackTheLease(@TempDir Path dataDir) throws Exception {
        String checksum;
        ConfigurableApplicationContext app = start(dataDir, PostgresReplayLeaseTest.HoldingRebuild.class);
        try {
            Http http = http(app);
            checksum = http.get("/api/views/checksum").json().get("checksum").asText();
            PostgresReplayLeaseTest.HoldingRebuild probe = app.getBean(PostgresReplayLeaseTest.HoldingRebuild.class);
            ReplayService replays = app.getBean(ReplayService.class);
            probe.hold.set(true);
            String id = http.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
            assertThat(probe.held.await(60, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
            Thread.sleep(1000);
            assertThat(stopping).as("the stop waits for the replay's batch under way").isNotDone();
            probe.hold.set(false);
            probe.release.countDown();
            stopping.get(60, TimeUnit.SECONDS);

            assertThat(replays.find(id)).map(ReplayService.Replay::status).contains(ReplayService.Status.FAILED);
        } finally {
            app.close();
        }

        try (ConfigurableApplicationContext next = start(dataDir)) {
            Http http = http(next);
            JdbcTemplate jdbc = next.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select replay_id from replay_lease", String.class))
                    .as("the lease given back").isNull();
            assertThat(http.get("/api/views/checksum").json().get("checksum").asText())
                    .as("nothing switched in").isEqualTo(checksum);
            Http.Response replay = http.post("/api/admin/replay", Map.of(), Http.ADMIN);
            assertThat(replay.status()).as("a replay at once, not after the lease's term").isEqualTo(202);
            assertThat(awaitEnd(http, replay.json().get("id").asText())).isEqualTo("COMPLETED");
            assertThat(http.get("/api/views/checksum").json().get("checksum").asText()).isEqualTo(checksum);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, Class<?>... more) {
        Class<?>[] sources = new Class<?>[more.length + 1];
        sources[0] = ClaimLedgerApplication.class;
        System.arraycopy(more, 0, sources, 1, more.length);
        return new SpringApplicationBuilder(sources).run(TestDatabase.args("--ledger.data-dir=" + dataDir,
                "--server.port=0", "--ledger.security.editors=editor:" + Http.EDITOR,
                "--ledger.security.admins=admin:" + Http.ADMIN));
    }

    private static Http http(ConfigurableApplicationContext app) {
        return new Http(((WebServerApplicationContext) app).getWebServer().getPort());
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
