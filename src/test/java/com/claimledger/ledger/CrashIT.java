package com.claimledger.ledger;

import com.claimledger.support.Http;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application, run as a child process under a write load, is killed with SIGKILL. After a restart on
 * the same data directory every acknowledged write is there, in reads and views, and nothing unacknowledged is
 * half-applied: the ledger is dense and every claim it holds is one the projections hold, and vice versa.
 */
class CrashIT {

    @Test
    void acknowledgedWritesSurviveSigkill(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Process app = start(dataDir, port);
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try {
            Http http = awaitUp(port);
            http.post("/api/articles", Map.of("id", "crash-a", "url", "https://crash.example/a", "title", "t",
                    "outlet", "Crash", "publishedAt", "2020-05-05"));
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        String id = "crash-" + writer + "-" + i;
                        try {
                            int status = http.post("/api/claims", Map.of("id", id, "articleId", "crash-a",
                                    "statement", "claim " + id, "attributedTo", "Crash Source " + writer)).status();
                            if (status == 201) {
                                acknowledged.add(id);
                            }
                        } catch (RuntimeException e) {
                            return;
                        }
                    }
                });
            }
            long loaded = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 60) {
                assertThat(System.nanoTime()).as("60 acknowledged writes within 60 s (got %d)", acknowledged.size())
                        .isLessThan(loaded);
                Thread.sleep(20);
            }
            app.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the killed process is gone within 30 s").isTrue();
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            app.destroyForcibly();
            app.waitFor(30, TimeUnit.SECONDS);
        }

        Process restarted = start(dataDir, port);
        try {
            Http http = awaitUp(port);
            List<JsonNode> events = http.events();
            Set<String> recorded = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).get("sequence").asLong()).isEqualTo(i);
                if (events.get(i).get("type").asText().equals("ClaimRecorded")) {
                    recorded.add(events.get(i).get("aggregateId").asText());
                }
            }
            // The projections resume from their tokens after the restart; give them the time to catch up.
            Set<String> claims = claimsOf(http);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (claims.size() < recorded.size() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                claims = claimsOf(http);
            }
            assertThat(claims).containsAll(acknowledged);
            for (String id : acknowledged.stream().limit(20).toList()) {
                assertThat(http.get("/api/claims/" + id).json().get("status").asText()).isEqualTo("STANDING");
            }
            assertThat(recorded).isEqualTo(claims);
            JsonNode sources = http.get("/api/entities?q=" + Http.q("Crash Source") + "&limit=500").json().get("items");
            long made = 0;
            for (JsonNode source : sources) {
                made += source.get("record").get("claimsMade").asLong();
            }
            assertThat(made).isEqualTo(claims.size());
        } finally {
            restarted.destroyForcibly();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Set<String> claimsOf(Http http) {
        Set<String> claims = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/api/claims?limit=500&articleId=crash-a" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(c -> claims.add(c.get("id").asText()));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        return claims;
    }

    private static Process start(Path dataDir, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-jar", System.getProperty("ledger.jar"), "--server.port=" + port,
                "--ledger.data-dir=" + dataDir, "--ledger.seed.enabled=false",
                "--ledger.security.editors=editor:" + Http.EDITOR)
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("app-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    private static Http awaitUp(int port) throws InterruptedException {
        Http http = new Http(port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            try {
                if (http.get("/actuator/health").status() == 200) {
                    return http;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the ledger did not come up on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
