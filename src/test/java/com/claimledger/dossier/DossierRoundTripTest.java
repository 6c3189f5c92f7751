package com.claimledger.dossier;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.cli.LedgerCommandLine;
import com.claimledger.support.Http;
import com.claimledger.support.Http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 5: the ledger exported as a dossier and imported into an empty ledger (a second application, no seed)
 * tells the same narrative — every view on the {@code published} axis on every day, the same entities with their
 * aliases and merges, the same reviews. Ledger times ({@code recordedAt}) are the new ledger's own and are left out.
 */
class DossierRoundTripTest {

    private static final Path DATA = Path.of("target/test-data/roundtrip");

    /** The ledger exported: the seed and the story below, in an application of its own (what others write is not here). */
    private Http http;

    @Test
    void anEmptyLedgerImportsTheExportToTheSameNarrative() throws Exception {
        FileSystemUtils.deleteRecursively(Path.of("target/test-data/roundtrip-source").toFile());
        try (ConfigurableApplicationContext source = start("roundtrip-source", true)) {
            http = new Http(((WebServerApplicationContext) source).getWebServer().getPort());
            exportAndImport();
        }
    }

    private static ConfigurableApplicationContext start(String data, boolean seed) {
        return new SpringApplicationBuilder(ClaimLedgerApplication.class).run("--server.port=0",
                "--ledger.data-dir=target/test-data/" + data, "--ledger.seed.enabled=" + seed,
                "--ledger.security.editors=editor:" + Http.EDITOR, "--ledger.security.admins=admin:" + Http.ADMIN);
    }

    private void exportAndImport() throws Exception {
        writeAStory();
        Response export = http.get("/api/export/dossier");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.json().path("claims").size()).isGreaterThan(26);
        Path file = Files.createDirectories(Path.of("target/test-data")).resolve("roundtrip-export.json");
        Files.writeString(file, export.raw().body());
        Files.deleteIfExists(Path.of(file + ".import-journal"));

        FileSystemUtils.deleteRecursively(DATA.toFile());
        try (ConfigurableApplicationContext empty = start("roundtrip", false)) {
            int port = ((WebServerApplicationContext) empty).getWebServer().getPort();
            Http other = new Http(port);
            assertThat(other.ledgerSize()).isZero();
            // Through the command line, as a user moves a ledger: in chunks under the body limit.
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = LedgerCommandLine.run(ClaimLedgerApplication.class, new PrintWriter(out), new PrintWriter(err),
                    "import", "--url", "http://localhost:" + port, "--token", Http.EDITOR, "--no-progress", file.toString());
            assertThat(code).as(err.toString()).isZero();

            List<String> days = days();
            assertThat(days).contains("2015-07-17", "2015-07-18", "2015-07-25");
            for (String day : days) {
                for (String view : List.of("current", "disputed", "retracted")) {
                    String path = "/api/views/" + view + "?axis=published&asOf=" + day;
                    assertThat(withoutLedgerTimes(all(other, path, view)))
                            .as(path).isEqualTo(withoutLedgerTimes(all(http, path, view)));
                }
            }
            assertThat(all(other, "/api/entities", "items")).as("entities, aliases, merges, records")
                    .isEqualTo(all(http, "/api/entities", "items"));
            JsonNode merged = other.get("/api/entities/rt-jan").json();
            assertThat(merged.path("id").asText()).isEqualTo("rt-zhan");
            for (String claim : List.of("rt-gknb", "rt-knb", "rt-rferl")) {
                JsonNode there = withoutLedgerTimes(other.get("/api/claims/" + claim).json());
                assertThat(there).as(claim + ": reviews, amendments, relations").isEqualTo(
                        withoutLedgerTimes(http.get("/api/claims/" + claim).json()));
            }
            assertThat(other.get("/api/claims/rt-gknb").json().path("reviews")).hasSize(2);

            // Imported again (the journal gone): nothing new.
            Files.deleteIfExists(Path.of(file + ".import-journal"));
            long size = other.ledgerSize();
            assertThat(LedgerCommandLine.run(ClaimLedgerApplication.class, new PrintWriter(out), new PrintWriter(err),
                    "import", "--url", "http://localhost:" + port, "--token", Http.EDITOR, "--no-progress", file.toString()))
                    .as(err.toString()).isZero();
            List<JsonNode> after = other.events();
            assertThat(after.size()).as(() -> "added: " + after.subList((int) size, after.size())).isEqualTo(size);
        }
    }

    /** Every kind of change: a merge, an amendment, a dispute withdrawn, a corroboration, a retraction, reviews. */
    private void writeAStory() {
        ok(http.post("/api/entities", Map.of("id", "rt-zhan", "name", "Zhanbolat Roundtrip", "kind", "PERSON")));
        ok(http.post("/api/entities", Map.of("id", "rt-jan", "name", "Janbolat Roundtrip", "kind", "PERSON",
                "aliases", List.of("J. Roundtrip"))));
        ok(http.post("/api/articles", Map.of("id", "rt-article", "url", "https://example.org/rt", "title", "Round trip",
                "outlet", "RFE/RL", "publishedAt", "2015-07-18")));
        ok(http.post("/api/claims", Map.of("id", "rt-gknb", "articleId", "rt-article", "statement", "Roundtrip was killed.",
                "attributedTo", "GKNB", "subjects", List.of("Zhanbolat Roundtrip"), "topic", "rt-fate")));
        ok(http.post("/api/claims", Map.of("id", "rt-knb", "articleId", "rt-article", "statement", "Roundtrip died earlier.",
                "attributedTo", "KNB", "subjects", List.of("J. Roundtrip"), "assertedAt", "2015-07-19", "topic", "rt-fate")));
        ok(http.post("/api/claims", Map.of("id", "rt-rferl", "articleId", "rt-article", "statement", "Roundtrip is dead.",
                "attributedTo", "Roundtrip Witness", "subjects", List.of("Janbolat Roundtrip"))));
        ok(http.post("/api/entities/rt-zhan/aliases", Map.of("alias", "Janbolat Roundtrip")));
        ok(http.post("/api/claims/rt-gknb/disputes", Map.of("byClaim", "rt-knb", "reason", "dates differ", "at", "2015-07-20")));
        ok(http.post("/api/claims/rt-gknb/disputes/rt-knb/withdrawal", Map.of("reason", "same day after all", "at", "2015-07-23")));
        ok(http.post("/api/claims/rt-gknb/corroborations", Map.of("byClaim", "rt-rferl", "note", "both say dead", "at", "2015-07-21")));
        ok(http.post("/api/claims/rt-knb/amendments", Map.of("statement", "Roundtrip died in early July.",
                "reason", "correction", "at", "2015-07-22")));
        ok(http.post("/api/claims/rt-rferl/retraction", Map.of("reason", "unsourced", "at", "2015-07-25")));
        ok(http.post("/api/claims/rt-gknb/reviews", Map.of("rating", "MIXED", "explanation", "partly", "reviewer", "desk")));
        ok(http.post("/api/claims/rt-gknb/reviews", Map.of("rating", "FALSE", "explanation", "no")));
    }

    private static void ok(Response response) {
        assertThat(response.status()).as(response.raw().body()).isBetween(200, 201);
    }

    /**
     * The days to compare: each day on which something happened in the narrative, and the day before it. A view as
     * of a day holds exactly the changes up to its end, so between two such days it cannot change: these days show
     * every view there is, on every day of the ledger.
     */
    private List<String> days() {
        TreeSet<String> days = new TreeSet<>();
        for (JsonNode entry : http.events()) {
            LocalDate day = LocalDate.ofInstant(java.time.Instant.parse(entry.path("occurredAt").asText()), ZoneOffset.UTC);
            days.add(day.toString());
            days.add(day.minusDays(1).toString());
        }
        return new ArrayList<>(days);
    }

    /** Every page of a list. */
    private static ArrayNode all(Http client, String path, String list) {
        ArrayNode items = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        String cursor = null;
        do {
            Response page = client.get(path + (path.contains("?") ? "&" : "?") + "limit=500"
                    + (cursor == null ? "" : "&cursor=" + Http.q(cursor)));
            assertThat(page.status()).as(path + " " + page.raw().body()).isEqualTo(200);
            page.json().path(list.equals("current") || list.equals("retracted") ? "claims"
                    : list.equals("disputed") ? "disputes" : list).forEach(items::add);
            cursor = page.json().path("next").isNull() || page.json().path("next").isMissingNode() ? null
                    : page.json().path("next").asText();
        } while (cursor != null);
        return items;
    }

    /** The tree without {@code recordedAt} (ledger time) anywhere in it. */
    private static JsonNode withoutLedgerTimes(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("recordedAt");
            object.forEach(DossierRoundTripTest::strip);
        } else if (node instanceof ArrayNode array) {
            array.forEach(DossierRoundTripTest::strip);
        }
    }
}
