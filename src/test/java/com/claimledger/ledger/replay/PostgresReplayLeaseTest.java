package com.claimledger.ledger.replay;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.claimledger.support.LocalPostgres;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL share the projections and their shadow tables: a replay is one at a time over the
 * database, not over a node. While node A replays, node B refuses a replay of its own and a retry of the dead letters
 * (409, nothing done), pauses its projections (so that A's switch can move every segment's token), still accepts
 * writes (202: recorded, its views behind), and once A's replay has ended starts its projections again — the write
 * made meanwhile reaches the views of both nodes; then B can replay, A pausing for it.
 */
class PostgresReplayLeaseTest {

    /** Holds node A's replay on its first event while {@link #hold} is set (its live processor never waits). */
    @ProcessingGroup("replay-lease-probe")
    static class HoldingRebuild {

        final AtomicBoolean hold = new AtomicBoolean();
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @EventHandler
        void on(Object event) throws InterruptedException {
            if (hold.get() && Thread.currentThread().getName().equals("projection-replay")) {
                held.countDown();
                release.await(60, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aReplayOnOneNodeKeepsTheOthersOffTheProjectionsUntilItEnds(@TempDir Path dir) throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            String url = postgres.createDatabase("lease");
            try (ConfigurableApplicationContext a = start(url, dir.resolve("a"), dir, "node-a",
                    HoldingRebuild.class);
                 ConfigurableApplicationContext b = start(url, dir.resolve("b"), dir, "node-b")) {
                Http nodeA = new Http(port(a));
                Http nodeB = new Http(port(b));
                JdbcTemplate jdbc = a.getBean(JdbcTemplate.class);
                HoldingRebuild probe = a.getBean(HoldingRebuild.class);
                // Projections running: 201, or 202 should they take longer than the test's 1 s on a loaded machine.
                assertThat(nodeB.post("/api/claims", claim("lease-before")).status()).isIn(201, 202);
                awaitClaim(nodeB, "lease-before");

                // Given a replay on node A, held on its first event.
                probe.hold.set(true);
                String replay = nodeA.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
                assertThat(probe.held.await(60, TimeUnit.SECONDS)).as("node A's replay reached its rebuild").isTrue();

                // Node B refuses to replay and to retry, and has paused its projections (A's began only once they had).
                Http.Response second = nodeB.post("/api/admin/replay", Map.of(), Http.ADMIN);
                assertThat(second.status()).isEqualTo(409);
                assertThat(second.contentType()).startsWith("application/problem+json");
                assertThat(second.json().get("detail").asText()).contains(replay, "node-a");
                Http.Response retry = nodeB.post("/api/admin/dead-letters/retry", Map.of(), Http.ADMIN);
                assertThat(retry.status()).isEqualTo(409);
                assertThat(retry.json().get("detail").asText()).contains(replay, "node-a");
                assertThat(owners(jdbc)).as("no node holds a segment during the rebuild").isEmpty();
                // A write on B meanwhile is recorded; its views wait for the replay.
                assertThat(nodeB.post("/api/claims", claim("lease-during")).status()).isEqualTo(202);
                assertThat(jdbc.queryForObject("select node from replay_lease", String.class)).isEqualTo("node-a");

                probe.hold.set(false);
                probe.release.countDown();
                assertThat(awaitEnd(nodeA, replay)).isEqualTo("COMPLETED");
                assertThat(jdbc.queryForObject("select count(*) from replay_lease where replay_id is not null",
                        Long.class)).as("the lease given back").isZero();

                // B's projections start again: the write made during the replay reaches both nodes' views.
                awaitClaim(nodeB, "lease-during");
                awaitClaim(nodeA, "lease-during");
                EventProcessingConfiguration processingB = b.getBean(EventProcessingConfiguration.class);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!processingB.eventProcessors().values().stream().allMatch(EventProcessor::isRunning)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(processingB.eventProcessors().values()).as("node B's processors run again")
                        .allMatch(EventProcessor::isRunning);

                // And B may replay now; A pauses for it and starts again after it.
                String third = nodeB.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
                assertThat(awaitEnd(nodeB, third)).isEqualTo("COMPLETED");
                assertThat(nodeA.post("/api/claims", claim("lease-after")).status()).isIn(201, 202);
                awaitClaim(nodeA, "lease-after");
                awaitClaim(nodeB, "lease-after");
                assertThat(nodeA.get("/api/views/checksum").json()).isEqualTo(nodeB.get("/api/views/checksum").json());
            }
        }
    }

    private static Map<String, Object> claim(String id) {
        return Map.of("id", id, "articleId", "iwpr-kyrgyzstan-firefight", "statement", "claim " + id,
                "attributedTo", "Lease Source");
    }

    private static void awaitClaim(Http node, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.get("/api/claims/" + id).status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(node.get("/api/claims/" + id).status()).as(id).isEqualTo(200);
    }

    private static List<String> owners(JdbcTemplate jdbc) {
        return jdbc.queryForList("select distinct owner from token_entry where owner is not null", String.class);
    }

    private static String awaitEnd(Http http, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String status;
        do {
            Thread.sleep(50);
            status = http.get("/api/admin/replay/" + id).json().get("status").asText();
        } while (status.equals("RUNNING") && System.nanoTime() < deadline);
        return status;
    }

    private static ConfigurableApplicationContext start(String url, Path dataDir, Path keyDir, String node,
                                                        Class<?>... extra) {
        Class<?>[] sources = new Class<?>[extra.length + 1];
        sources[0] = ClaimLedgerApplication.class;
        System.arraycopy(extra, 0, sources, 1, extra.length);
        return new SpringApplicationBuilder(sources).run("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + url, "--ledger.data-dir=" + dataDir,
                "--ledger.integrity.key-dir=" + keyDir.resolve("keys"), "--ledger.node-id=" + node,
                "--ledger.projections.read-your-writes-timeout=1s", "--server.port=0",
                "--ledger.security.editors=editor:" + Http.EDITOR, "--ledger.security.admins=admin:" + Http.ADMIN);
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
