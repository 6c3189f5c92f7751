package com.claimledger.dossier;

import com.claimledger.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application as a newcomer starts it: health says UP only once the seed is loaded, so a script that
 * waits for health and then reads sees the whole seed; a seed that cannot be applied stops the process.
 */
class StartupIT {

    private static final Path SEED = Path.of("src/main/resources/seed/iwpr-kyrgyzstan-firefight.json");

    @Test
    void theFirstUpServesTheWholeSeed(@TempDir Path dataDir) throws Exception {
        JsonNode seed = new ObjectMapper().readTree(SEED.toFile());
        int port = freePort();
        Process app = start(dataDir, port);
        try {
            Http http = new Http(port);
            List<Integer> before = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                assertThat(System.nanoTime()).as("the ledger became ready within 120 s").isLessThan(deadline);
                assertThat(app.isAlive()).as("the ledger is running").isTrue();
                Http.Response health = poll(http, "/actuator/health");
                if (health != null && health.status() == 200) {
                    assertThat(health.json().get("status").asText()).isEqualTo("UP");
                    break;
                }
                if (health != null) {
                    before.add(health.status());
                    assertThat(health.status()).as("not ready yet: 503").isEqualTo(503);
                    assertThat(health.json().get("status").asText()).isEqualTo("OUT_OF_SERVICE");
                }
                Thread.sleep(10);
            }
            // The very moment health first says UP: the whole seed is there.
            JsonNode current = http.get("/api/views/current?limit=500").json();
            assertThat(current.get("claims").size()).isEqualTo(seed.get("claims").size());
            assertThat(http.get("/api/views/disputed?limit=500").json().get("disputes").size())
                    .isEqualTo(countRelations(seed, "DISPUTES"));
            assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
            System.out.println("health answers before UP: " + before);
        } finally {
            app.destroy();
            app.waitFor(60, TimeUnit.SECONDS);
            app.destroyForcibly();
        }
    }

    /** The same jar, as an auditor runs it: {@code verify --data DIR} on the stopped ledger, and its exit codes. */
    @Test
    void theJarVerifiesAStoppedLedger(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Process app = start(dataDir, port);
        try {
            Http http = new Http(port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            Http.Response health = null;
            while (health == null || health.status() != 200) {
                assertThat(System.nanoTime()).as("the ledger became ready within 120 s").isLessThan(deadline);
                Thread.sleep(100);
                health = poll(http, "/actuator/health");
            }
        } finally {
            app.destroy();
            assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the ledger stopped").isTrue();
        }
        Run intact = run(dataDir, "verify", "--data", dataDir.toString());
        assertThat(intact.exit()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("verdict intact").containsPattern("root    [0-9a-f]{64}");
        assertThat(run(dataDir, "verify", "--data", dataDir.resolve("nothing-here").toString()).exit()).isEqualTo(2);
        assertThat(run(dataDir, "verify").exit()).as("no arguments").isEqualTo(2);
        assertThat(run(dataDir, "verify", "--url", "http://127.0.0.1:" + freePort()).exit()).as("unreachable").isEqualTo(3);
        Run help = run(dataDir, "verify", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("--data").contains("--url").contains("--head");
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path dataDir, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", System.getProperty("ledger.jar")));
        command.addAll(List.of(args));
        Path output = dataDir.resolve("run-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the command ended").isTrue();
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    @Test
    void aSeedThatCannotBeAppliedStopsTheProcess(@TempDir Path dataDir) throws Exception {
        Path badSeed = dataDir.resolve("bad-seed.json");
        Files.writeString(badSeed, """
                {"claims": [{"id": "orphan", "articleId": "no-such-article", "statement": "s", "attributedTo": "X"}]}
                """, StandardCharsets.UTF_8);
        Process app = start(dataDir, freePort(), "--ledger.seed.dossier=file:" + badSeed);
        boolean exited = app.waitFor(120, TimeUnit.SECONDS);
        try {
            assertThat(exited).as("the process stopped by itself").isTrue();
            assertThat(app.exitValue()).as("with a non-zero exit").isNotZero();
            assertThat(output(dataDir)).contains("seed dossier").contains("cannot be applied")
                    .contains("article 'no-such-article' does not exist");
        } finally {
            app.destroyForcibly();
        }
    }

    private static long countRelations(JsonNode seed, String type) {
        long count = 0;
        for (JsonNode relation : seed.get("relations")) {
            if (relation.get("type").asText().equals(type)) {
                count++;
            }
        }
        return count;
    }

    private static Http.Response poll(Http http, String path) {
        try {
            return http.get(path);
        } catch (RuntimeException e) {
            return null; // not listening yet
        }
    }

    private static Process start(Path dataDir, int port, String... more) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", System.getProperty("ledger.jar"),
                "--server.port=" + port, "--ledger.data-dir=" + dataDir));
        command.addAll(List.of(more));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("app.log").toFile()).start();
    }

    private static String output(Path dataDir) throws IOException {
        return Files.readString(dataDir.resolve("app.log"), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
