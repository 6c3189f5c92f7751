package com.claimledger.ledger.cluster;

import com.claimledger.support.Http;
import com.claimledger.support.LocalPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged ledger nodes on one PostgreSQL; one is killed with SIGKILL, its segment claims left behind. The
 * survivor takes the projections over after the claim timeout, no acknowledged write is lost, no event is applied
 * twice, and the killed node, started again, rejoins and serves the same views.
 */
class PostgresFailoverIT {

    @Test
    void aKilledNodesProjectionsMoveToTheSurvivor(@TempDir Path dir) throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            String url = postgres.createDatabase("failover");
            int portA = freePort();
            int portB = freePort();
            Process a = start(url, dir.resolve("a"), dir.resolve("keys"), portA, "node-a");
            Process b = null;
            try {
                Http nodeA = awaitReady(portA, a);
                b = start(url, dir.resolve("b"), dir.resolve("keys"), portB, "node-b");
                Http nodeB = awaitReady(portB, b);
                Set<String> acknowledged = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    write(i % 2 == 0 ? nodeA : nodeB, "before-" + i, acknowledged);
                }

                assertThat(owners(url)).as("the first node started claimed every segment").containsOnly("node-a");
                a.destroyForcibly(); // SIGKILL: no release of its claims
                long killed = System.nanoTime();
                assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
                // Every segment of every projection moves to the survivor: after the claim timeout (5 s here) at the
                // survivor's next look for unclaimed segments (Axon's token claim interval, 5 s), with room for a
                // busy machine. The time taken is printed for the record; docs/deploy.md states the bound.
                while (!owners(url).equals(Set.of("node-b")) && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(60)) {
                    Thread.sleep(100);
                }
                double takeover = (System.nanoTime() - killed) / 1e9;
                System.out.printf("every segment owned by the survivor %.1f s after the kill%n", takeover);
                assertThat(owners(url)).as("owners of every segment " + takeover + " s after the kill").containsOnly("node-b");
                assertThat(segments(url)).as("segments: entities 1, articles 2, claims 2").isEqualTo(5);
                for (int i = 0; i < 10; i++) {
                    write(nodeB, "after-" + i, acknowledged);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                Set<String> shown = claimsOf(nodeB);
                while (!shown.containsAll(acknowledged) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    shown = claimsOf(nodeB);
                }
                assertThat(shown).as("every acknowledged write, in the survivor's views").containsAll(acknowledged);
                assertThat(shown).as("each claim once").hasSameSizeAs(acknowledged);
                assertThat(nodeB.get("/api/entities?q=" + Http.q("Failover Source")).json().get("items").get(0)
                        .get("record").get("claimsMade").asLong()).as("no event applied twice").isEqualTo(acknowledged.size());
                List<JsonNode> events = nodeB.events();
                for (int i = 0; i < events.size(); i++) {
                    assertThat(events.get(i).get("sequence").asLong()).isEqualTo(i);
                }
                assertThat(nodeB.get("/api/ledger/verify").json().get("ok").asBoolean()).isTrue();

                Process restarted = start(url, dir.resolve("a"), dir.resolve("keys"), portA, "node-a");
                try {
                    Http again = awaitReady(portA, restarted);
                    assertThat(again.get("/api/views/checksum").json()).isEqualTo(nodeB.get("/api/views/checksum").json());
                    assertThat(claimsOf(again)).isEqualTo(shown);
                } finally {
                    restarted.destroy();
                    restarted.waitFor(30, TimeUnit.SECONDS);
                }
            } finally {
                a.destroyForcibly();
                if (b != null) {
                    b.destroy();
                    b.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static void write(Http node, String id, Set<String> acknowledged) {
        int status = node.post("/api/claims", Map.of("id", "failover-" + id, "articleId", "iwpr-kyrgyzstan-firefight",
                "statement", "claim " + id, "attributedTo", "Failover Source")).status();
        assertThat(status).as(id).isEqualTo(201);
        acknowledged.add("failover-" + id);
    }

    private static Set<String> claimsOf(Http node) {
        Set<String> ids = new HashSet<>();
        node.get("/api/claims?limit=500&source=" + Http.q("Failover Source")).json().get("items")
                .forEach(claim -> ids.add(claim.get("id").asText()));
        return ids;
    }

    /** The owners of the projections' segment claims in the shared token store. */
    private static Set<String> owners(String url) throws java.sql.SQLException {
        Set<String> owners = new HashSet<>();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, "ledger", "ledger");
             java.sql.ResultSet rows = connection.createStatement().executeQuery(
                     "select coalesce(owner, '(none)') from token_entry where processor_name in ('entities', 'articles', 'claims')")) {
            while (rows.next()) {
                owners.add(rows.getString(1));
            }
        }
        return owners;
    }

    private static int segments(String url) throws java.sql.SQLException {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, "ledger", "ledger");
             java.sql.ResultSet rows = connection.createStatement().executeQuery(
                     "select count(*) from token_entry where processor_name in ('entities', 'articles', 'claims')")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Process start(String url, Path dataDir, Path keys, int port, String nodeId) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        dataDir.toFile().mkdirs();
        return new ProcessBuilder(java, "-jar", System.getProperty("ledger.jar"), "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + url, "--server.port=" + port, "--ledger.data-dir=" + dataDir,
                "--ledger.integrity.key-dir=" + keys, "--ledger.projections.claim-timeout=5s", "--ledger.node-id=" + nodeId,
                "--ledger.security.editors=editor:" + Http.EDITOR)
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("node-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    private static Http awaitReady(int port, Process node) throws InterruptedException {
        Http http = new Http(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(node.isAlive()).as("node on port " + port + " is running").isTrue();
            try {
                if (http.get("/actuator/health/readiness").status() == 200) {
                    return http;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the node on port " + port + " did not become ready");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
