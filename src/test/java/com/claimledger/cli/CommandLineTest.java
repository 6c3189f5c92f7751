package com.claimledger.cli;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 4: the command line against a running ledger (this test's application, on a fresh, unseeded data
 * directory). A 20,000-claim dossier is imported by the jar's command line in a child JVM, which is killed
 * (SIGKILL) midway and run again: the second run finishes the import and nothing is recorded twice. Then the
 * exports and the verification, and the exit codes scripts rely on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.data-dir=target/test-data/cli",
        "ledger.seed.enabled=false",
        "ledger.security.editors=editor:" + Http.EDITOR,
        "ledger.security.admins=admin:" + Http.ADMIN
})
// Its ledger is of no use to other tests: closed after, so that its background work does not slow theirs.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CommandLineTest {

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/test-data/cli").toFile());
    }

    private static final int CLAIMS = 20_000;
    private static final int SOURCES = 40;
    private static final int SUBJECTS = 60;
    private static final int ARTICLES = 400;
    private static final int DISPUTES = 500;
    private static final int RETRACTIONS = 100;
    private static final Pattern CHUNK = Pattern.compile("chunk (\\d+)/(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    Http http;

    @TempDir
    Path work;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void importsTwentyThousandClaimsResumesAfterAKillExportsAndVerifies() throws Exception {
        Path dossier = work.resolve("big.json");
        JSON.writeValue(dossier.toFile(), bigDossier());
        String url = "http://localhost:" + port;

        // Killed once it has sent about half of the chunks.
        Process first = cli("import", "--url", url, "--token", Http.EDITOR, dossier.toString());
        List<String> progress = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(first.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                progress.add(line);
                Matcher chunk = CHUNK.matcher(line);
                if (chunk.find() && Integer.parseInt(chunk.group(1)) * 2 >= Integer.parseInt(chunk.group(2))) {
                    first.destroyForcibly();
                    break;
                }
            }
        }
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("killed, not finished: " + progress).isNotZero();
        assertThat(progress).as("a progress bar on standard error").anyMatch(line -> line.matches("\\[#+\\.*\\] \\d+% .*"));
        long midway = http.ledgerSize();
        long complete = SOURCES + SUBJECTS + ARTICLES + CLAIMS + DISPUTES + RETRACTIONS;
        assertThat(midway).as("the first run stopped midway").isBetween(1L, complete - 1);

        Process second = cli("import", "--url", url, "--token", Http.EDITOR, dossier.toString());
        String secondErr = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String secondOut = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(second.exitValue()).as(secondErr).isZero();
        assertThat(secondOut).contains("already acknowledged");
        assertThat(secondErr).contains("100% " + complete + "/" + complete);

        // Nothing twice: exactly one ledger entry per element of the dossier, every claim once.
        List<JsonNode> events = http.events();
        assertThat(events).hasSize((int) complete);
        Map<String, Integer> recorded = new HashMap<>();
        events.stream().filter(event -> event.path("type").asText().equals("ClaimRecorded"))
                .forEach(event -> recorded.merge(event.path("aggregateId").asText(), 1, Integer::sum));
        assertThat(recorded).hasSize(CLAIMS);
        assertThat(recorded.values()).allMatch(count -> count == 1);
        assertThat(http.get("/api/views/retracted?limit=500").json().path("claims")).hasSize(RETRACTIONS);

        // Exports to files.
        Path dossierOut = work.resolve("export.json");
        assertThat(run("export", "dossier", "--url", url, "--output", dossierOut.toString())).isZero();
        assertThat(JSON.readTree(dossierOut.toFile()).path("claims")).hasSize(CLAIMS);
        Path prov = work.resolve("export.ttl");
        assertThat(run("export", "prov", "--url", url, "--format", "turtle", "--output", prov.toString())).isZero();
        assertThat(Files.readString(prov)).contains("@prefix prov:", "/api/claims/claim-19999>", "cl:disputes");
        Path reviews = work.resolve("reviews.json");
        assertThat(run("export", "claimreview", "--url", url, "--output", reviews.toString())).isZero();
        assertThat(JSON.readTree(reviews.toFile()).path("@type").asText()).isEqualTo("DataFeed");

        // Verification online, with a saved head; a head that was tampered with fails it.
        Path head = work.resolve("head.json");
        assertThat(run("verify", "--url", url, "--save-head", head.toString())).isZero();
        assertThat(run("verify", "--url", url, "--head", head.toString())).isZero();
        JsonNode saved = JSON.readTree(head.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) saved).put("rootHash", "0".repeat(64));
        Path forged = work.resolve("forged.json");
        JSON.writeValue(forged.toFile(), saved);
        assertThat(run("verify", "--url", url, "--head", forged.toString())).as("a failed verification").isEqualTo(1);
    }

    @Test
    void exitCodesScriptsCanRelyOn() throws IOException {
        String url = "http://localhost:" + port;
        Path broken = Files.writeString(work.resolve("broken.json"), "{\"claims\": [");
        assertThat(run("import", "--url", url, "--token", Http.EDITOR, broken.toString())).as("unreadable file").isEqualTo(2);
        assertThat(run("import", "--url", url, "--token", Http.EDITOR, work.resolve("missing.json").toString()))
                .as("missing file").isEqualTo(2);
        Path refused = Files.writeString(work.resolve("refused.ndjson"),
                "{\"id\": \"orphan\", \"articleId\": \"no-such-article\", \"statement\": \"s\", \"attributedTo\": \"x\"}\n");
        assertThat(run("import", "--url", url, "--token", Http.EDITOR, refused.toString())).as("refused input").isEqualTo(1);
        Path fine = Files.writeString(work.resolve("fine.ndjson"), """
                {"entities": [{"id": "exit-codes", "name": "Exit Codes Agency", "kind": "AGENCY"}]}
                """);
        assertThat(run("import", "--url", url, "--token", "wrong-token", fine.toString())).as("refused token").isEqualTo(1);
        assertThat(run("import", "--url", url, "--token", Http.EDITOR, fine.toString())).as("success").isZero();
        assertThat(run("import", "--url", "http://127.0.0.1:1", "--token", Http.EDITOR, "--journal",
                work.resolve("other-journal").toString(), fine.toString())).as("unreachable").isEqualTo(3);
        assertThat(run("export", "prov", "--url", "http://127.0.0.1:1")).as("unreachable").isEqualTo(3);
        assertThat(run("verify", "--url", "http://127.0.0.1:1")).as("unreachable").isEqualTo(3);
        assertThat(run("export", "prov", "--url", url, "--format", "rdfxml", "--output", work.resolve("x").toString()))
                .as("refused request").isEqualTo(1);
        assertThat(run("export", "nothing")).as("unusable argument").isEqualTo(2);
        assertThat(run("import")).as("no file").isEqualTo(2);
        assertThat(run("verify")).as("neither --data nor --url").isEqualTo(2);
        assertThat(run("--no-such-option")).isEqualTo(2);
        for (String command : List.of("import", "export", "verify", "bench")) {
            StringWriter out = new StringWriter();
            assertThat(LedgerCommandLine.run(ClaimLedgerApplication.class, new PrintWriter(out), new PrintWriter(new StringWriter()),
                    command, "--help")).isZero();
            assertThat(out.toString()).as(command).contains("Usage:", "--help");
        }
        StringWriter out = new StringWriter();
        assertThat(LedgerCommandLine.run(ClaimLedgerApplication.class, new PrintWriter(out), new PrintWriter(new StringWriter()),
                "--help")).isZero();
        assertThat(out.toString()).contains("import", "export", "verify", "bench", "Exit codes", "3   server unreachable");
    }

    private int run(String... args) {
        return LedgerCommandLine.run(ClaimLedgerApplication.class, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), args);
    }

    /** The jar's command line in a JVM of its own, as a user runs it (and as it can be killed). */
    private static Process cli(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClaimLedgerApplication.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static Map<String, Object> bigDossier() {
        List<Map<String, Object>> entities = new ArrayList<>();
        for (int i = 0; i < SOURCES; i++) {
            entities.add(Map.of("id", "source-" + i, "name", "Source " + i, "kind", "AGENCY"));
        }
        for (int i = 0; i < SUBJECTS; i++) {
            entities.add(Map.of("id", "person-" + i, "name", "Person " + i, "kind", "PERSON"));
        }
        List<Map<String, Object>> articles = new ArrayList<>();
        LocalDate first = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < ARTICLES; i++) {
            articles.add(Map.of("id", "article-" + i, "url", "https://news.example/" + i, "title", "Article " + i,
                    "outlet", "Outlet " + (i % 7), "publishedAt", first.plusDays(i).toString()));
        }
        List<Map<String, Object>> claims = new ArrayList<>();
        for (int i = 0; i < CLAIMS; i++) {
            claims.add(Map.of("id", "claim-" + i, "articleId", "article-" + (i % ARTICLES),
                    "statement", "Statement number " + i + " about the matter at hand.", "attributedTo", "Source " + (i % SOURCES),
                    "subjects", List.of("Person " + (i % SUBJECTS)), "topic", "topic-" + (i % 100)));
        }
        List<Map<String, Object>> relations = new ArrayList<>();
        for (int i = 0; i < DISPUTES; i++) {
            relations.add(Map.of("type", "DISPUTES", "claim", "claim-" + (2 * i), "byClaim", "claim-" + (2 * i + 1),
                    "reason", "contradiction " + i));
        }
        List<Map<String, Object>> retractions = new ArrayList<>();
        for (int i = 0; i < RETRACTIONS; i++) {
            retractions.add(Map.of("claim", "claim-" + (CLAIMS - 1 - i), "reason", "withdrawn by the outlet"));
        }
        return Map.of("entities", entities, "articles", articles, "claims", claims, "relations", relations,
                "retractions", retractions);
    }

}
