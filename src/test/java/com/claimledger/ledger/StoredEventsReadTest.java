package com.claimledger.ledger;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.claims.api.ClaimCommands.RecordClaim;
import com.claimledger.support.Http;
import com.claimledger.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.commandhandling.gateway.CommandGateway;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's input rules (no control characters in text, JSON nested at most {@code ledger.limits.max-json-depth}
 * deep) are rules of what arrives over HTTP, never of what the ledger has stored: given a claim recorded through the
 * command bus with a control character in its text, and then a node on the same ledger whose depth limit is stricter
 * than its stored events' nesting, when the claim is retracted (its aggregate reads its events back) and every
 * projection is replayed, then both succeed and the text reads back as recorded — while the API still refuses both
 * kinds of input.
 */
class StoredEventsReadTest {

    private static final String BELL = "the bell\u0007 rang";

    @Test
    void storedEventsAreReadAsWrittenWhateverTheInputRules(@TempDir Path dataDir) throws Exception {
        // One database for both starts (on PostgreSQL, TestDatabase gives a new one a call).
        String[] ledger = TestDatabase.args("--ledger.data-dir=" + dataDir, "--server.port=0",
                "--ledger.security.editors=editor:" + Http.EDITOR, "--ledger.security.admins=admin:" + Http.ADMIN);
        try (ConfigurableApplicationContext app = start(ledger)) {
            Http http = http(app);
            assertThat(http.post("/api/articles", Map.of("id", "stored-a", "url", "https://stored.example/a",
                    "title", "Bells", "outlet", "Stored", "publishedAt", "2020-01-01", "text", "A bell rang.")).status())
                    .isEqualTo(201);
            app.getBean(CommandGateway.class).sendAndWait(new RecordClaim("stored-bell", "stored-a", BELL, null,
                    "Bell Ringer", List.of("Bells"), "bells", null, null));
            awaitClaim(http);
        }
        // The same ledger on a node whose limit is stricter than the stored events' nesting (a list of subjects is
        // depth 2; the seed's dossier deeper still).
        try (ConfigurableApplicationContext app = start(ledger, "--ledger.limits.max-json-depth=1")) {
            Http http = http(app);
            assertThat(http.post("/api/claims/stored-bell/retraction", Map.of("reason", "recorded in error")).status())
                    .as("the aggregate reads its stored events back").isEqualTo(200);

            var started = http.post("/api/admin/replay", Map.of(), Http.ADMIN);
            assertThat(started.status()).isEqualTo(202);
            String id = started.json().get("id").asText();
            JsonNode status;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            do {
                Thread.sleep(50);
                status = http.get("/api/admin/replay/" + id).json();
            } while (status.get("status").asText().equals("RUNNING") && System.nanoTime() < deadline);
            assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("COMPLETED");
            assertThat(status.get("processed").asLong()).isEqualTo(http.ledgerSize());

            JsonNode claim = http.get("/api/claims/stored-bell").json();
            assertThat(claim.get("statement").asText()).isEqualTo(BELL);
            assertThat(claim.get("status").asText()).isEqualTo("RETRACTED");
            assertThat(http.get("/api/claims?topic=bells").json().get("items")).hasSize(1);

            assertThat(http.post("/api/claims", Map.of("id", "stored-bell-2", "articleId", "stored-a",
                    "statement", BELL, "attributedTo", "Bell Ringer")).status())
                    .as("a control character over HTTP is still refused").isEqualTo(400);
            assertThat(http.post("/api/claims", Map.of("id", "stored-bell-3", "articleId", "stored-a",
                    "statement", "a bell", "attributedTo", "Bell Ringer", "subjects", List.of("Bells"))).status())
                    .as("input nested past the limit is still refused").isEqualTo(400);
            assertThat(http.get("/api/claims/stored-bell-2").status()).isEqualTo(404);
            assertThat(http.get("/api/claims/stored-bell-3").status()).isEqualTo(404);
        }
    }

    private static ConfigurableApplicationContext start(String[] ledger, String... more) {
        List<String> args = new ArrayList<>(List.of(ledger));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ClaimLedgerApplication.class).run(args.toArray(String[]::new));
    }

    private static Http http(ConfigurableApplicationContext app) {
        return new Http(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    private static void awaitClaim(Http http) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (http.get("/api/claims/stored-bell").status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(http.get("/api/claims/stored-bell").status()).isEqualTo(200);
    }
}
