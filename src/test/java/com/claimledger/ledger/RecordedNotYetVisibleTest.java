package com.claimledger.ledger;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.claimledger.support.TestDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write that committed but that the projections have not shown within the read-your-writes timeout (a replay
 * rebuilding them at 10^6 entries, a stalled machine) is answered 202 Accepted with where the record will read —
 * never a 404 for the claim it has just stored, never a failure that invites sending it again. A projection of this
 * test only, held while {@link HeldProjection#hold} is set, keeps the projections behind; the claims' own projection
 * moves on, but read-your-writes waits for every projection.
 */
class RecordedNotYetVisibleTest {

    /** Handles every event; while held, waits (bounded) for the gate to open. No stereotype: scanning skips it. */
    @ProcessingGroup("held-projection-probe")
    static class HeldProjection {

        volatile CountDownLatch gate = new CountDownLatch(0);

        @EventHandler
        void on(Object event) throws InterruptedException {
            gate.await(30, TimeUnit.SECONDS);
        }
    }

    @TempDir
    static Path dataDir;
    static ConfigurableApplicationContext app;
    static Http http;
    static HeldProjection held;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(ClaimLedgerApplication.class, HeldProjection.class).run(TestDatabase.args(
                "--ledger.data-dir=" + dataDir, "--server.port=0", "--ledger.projections.read-your-writes-timeout=300ms",
                "--ledger.security.editors=editor:" + Http.EDITOR, "--ledger.security.admins=admin:" + Http.ADMIN));
        http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
        held = app.getBean(HeldProjection.class);
    }

    @AfterAll
    static void stop() {
        if (held != null) {
            held.gate.countDown();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aClaimStoredWhileTheViewsAreBehindIsAcceptedWithItsLocationAndReadsOnceTheyCatchUp() {
        long before = http.ledgerSize();
        Http.Response accepted = whileHeld(() -> http.post("/api/claims", Map.of("id", "late-1",
                "articleId", "iwpr-kyrgyzstan-firefight", "statement", "Recorded while the views were behind.",
                "attributedTo", "GKNB", "topic", "late")));

        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        assertThat(accepted.header("Location")).isEqualTo("/api/claims/late-1");
        assertThat(accepted.header("Retry-After")).isEqualTo("1");
        assertThat(accepted.contentType()).startsWith("application/json");
        assertThat(accepted.json().get("status").asText()).isEqualTo("RECORDED");
        assertThat(accepted.json().get("location").asText()).isEqualTo("/api/claims/late-1");
        assertThat(accepted.json().get("records").toString()).contains("\"late-1\"");
        assertThat(accepted.json().get("detail").asText()).contains("recorded").contains("PT0.3S");

        // Stored: in the ledger at once, and readable where the 202 said once the views have caught up.
        assertThat(http.ledgerSize()).isGreaterThan(before);
        assertThat(http.events()).anyMatch(e -> e.get("aggregateId").asText().equals("late-1")
                && e.get("type").asText().equals("ClaimRecorded"));
        assertThat(eventually(() -> http.get("/api/claims/late-1").status(), 200)).isEqualTo(200);

        // Sent again, as a client unsure of the 202 might: an identical repeat, nothing recorded twice.
        long size = http.ledgerSize();
        Http.Response repeat = http.post("/api/claims", Map.of("id", "late-1", "articleId", "iwpr-kyrgyzstan-firefight",
                "statement", "Recorded while the views were behind.", "attributedTo", "GKNB", "topic", "late"));
        assertThat(repeat.status()).as(repeat.raw().body()).isEqualTo(200);
        assertThat(http.ledgerSize()).isEqualTo(size);
    }

    @Test
    void aClaimWithoutAnIdGetsTheIdTheLedgerAssignedInItsLocation() {
        Http.Response accepted = whileHeld(() -> http.post("/api/claims", Map.of(
                "articleId", "iwpr-kyrgyzstan-firefight", "statement", "An id the ledger chose.", "attributedTo", "KNB")));

        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).matches("/api/claims/[0-9a-f-]{36}");
        assertThat(eventually(() -> http.get(location).status(), 200)).isEqualTo(200);
        assertThat(http.get(location).json().get("statement").asText()).isEqualTo("An id the ledger chose.");
    }

    @Test
    void aRelationStoredWhileTheViewsAreBehindPointsAtTheClaimItChanged() {
        for (String id : List.of("late-a", "late-b")) {
            // Not held: 201, or 202 should the views of a loaded machine take longer than the short timeout here.
            assertThat(http.post("/api/claims", Map.of("id", id, "articleId", "iwpr-kyrgyzstan-firefight",
                    "statement", "Statement " + id, "attributedTo", "GKNB")).status()).isIn(201, 202);
            assertThat(eventually(() -> http.get("/api/claims/" + id).status(), 200)).isEqualTo(200);
        }
        Http.Response accepted = whileHeld(() -> http.post("/api/claims/late-a/disputes",
                Map.of("byClaim", "late-b", "reason", "dates differ")));

        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        assertThat(accepted.header("Location")).isEqualTo("/api/claims/late-a");
        assertThat(eventually(() -> http.get("/api/claims/late-a").json().get("disputes").size(), 1)).isEqualTo(1);
    }

    @Test
    void anImportStoredWhileTheViewsAreBehindIsAcceptedWithoutALocation() {
        Map<String, Object> dossier = Map.of("entities", List.of(), "articles", List.of(Map.of("id", "late-article",
                "url", "https://example.org/late", "title", "Late", "outlet", "RFE/RL", "publishedAt", "2015-07-18")),
                "claims", List.of(Map.of("id", "late-imported", "articleId", "late-article", "statement", "Imported late.",
                        "attributedTo", "GKNB")));
        Http.Response accepted = whileHeld(() -> http.post("/api/import", dossier));

        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        assertThat(accepted.header("Location")).isNull();
        assertThat(accepted.json().get("records").toString()).contains("\"late-imported\"").contains("\"late-article\"");
        assertThat(eventually(() -> http.get("/api/claims/late-imported").status(), 200)).isEqualTo(200);
    }

    /** Runs the write with the probe projection held, then lets it go (it processes everything held back). */
    private static Http.Response whileHeld(Supplier<Http.Response> write) {
        held.gate = new CountDownLatch(1);
        try {
            return write.get();
        } finally {
            held.gate.countDown();
        }
    }

    /** The read's value once it is {@code expected}, or its last value after 30 s. */
    private static <T> T eventually(Supplier<T> read, T expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        T value = read.get();
        while (!expected.equals(value) && System.nanoTime() < deadline) {
            sleep();
            value = read.get();
        }
        return value;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
