package com.claimledger.ledger.replay;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.claimledger.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import com.claimledger.claims.api.ClaimEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projections' dead letters are part of what a replay rebuilds. A replay leaves the live letters alone until its
 * switch: one that fails keeps them with the projections it leaves in place (an event a projection failed on is never
 * dropped silently), and one that completes brings in the letters of its rebuild with its tables. While a replay runs,
 * a retry of the dead letters — which would write the live projections under the switch — is refused and changes
 * nothing.
 */
class ReplayDeadLettersTest {

    /** Holds the replay on its first event while {@link #hold} is set. No stereotype: component scanning skips it. */
    @ProcessingGroup("replay-dead-letters-probe")
    static class HoldingProjection {

        final AtomicBoolean hold = new AtomicBoolean();
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @EventHandler
        void on(Object event) throws InterruptedException {
            if (hold.get()) {
                held.countDown();
                release.await(60, TimeUnit.SECONDS);
            }
        }
    }

    /** In the claims projection's group, beside its own handler: marks each poison corroboration, once. */
    @ProcessingGroup("claims")
    static class CorroborationMarks {

        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicInteger marked = new AtomicInteger();
        JdbcTemplate jdbc;

        @EventHandler
        void on(ClaimEvents.ClaimCorroborated event, EventMessage<?> message) {
            if (armed.get() && "poison".equals(event.note())) {
                // A second mark of the same event breaks the key: a rebuild must run the group's handlers once.
                jdbc.update("insert into rdl_mark (event_id) values (?)", message.getIdentifier());
                marked.incrementAndGet();
            }
        }
    }

    /**
     * In the same group: fails on each poison corroboration when armed. Axon hands an event to a group's handlers in
     * the order of their beans' names: {@link CorroborationMarks} first.
     */
    @ProcessingGroup("claims")
    static class FailingHandler {

        final AtomicBoolean armed = new AtomicBoolean();

        @EventHandler
        void on(ClaimEvents.ClaimCorroborated event) {
            if (armed.get() && "poison".equals(event.note())) {
                throw new IllegalStateException("rdl probe fault");
            }
        }
    }

    /**
     * In the claims projection's group: writes a row for each corroboration, then fails on each poison one when
     * armed — what it wrote for that one must be undone, what it wrote for every other event kept.
     */
    @ProcessingGroup("claims")
    static class WritingThenFailing {

        final AtomicBoolean armed = new AtomicBoolean();
        JdbcTemplate jdbc;

        @EventHandler
        void on(ClaimEvents.ClaimCorroborated event, EventMessage<?> message) {
            if (!armed.get()) {
                return;
            }
            // Once an event (a replay hands it over again): the rows are the handler's, not a projection's.
            jdbc.update("delete from rdl_written where event_id = ?", message.getIdentifier());
            jdbc.update("insert into rdl_written (event_id, note) values (?, ?)", message.getIdentifier(),
                    event.note());
            if ("poison".equals(event.note())) {
                throw new IllegalStateException("rdl probe fault after a write");
            }
        }
    }

    private static final String FAULT = "check (note is null or note <> 'poison')";

    /**
     * Many events in one transaction, each handler run in its savepoint (set under the same name each time,
     * ProjectionSavepoints), a replay's event in one of its own around them: the failing handler's row for the poison
     * event is undone — in the processor's batches and in a replay's — the rows it wrote for the events before and
     * after it in the same transaction stay, and the event is queued once.
     */
    @Test
    void aHandlerThatFailsAfterWritingLeavesNothingOfItsOwnAndTheOtherEventsOfItsBatchIntact(@TempDir Path dataDir)
            throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ClaimLedgerApplication.class,
                WritingThenFailing.class).run(TestDatabase.args("--ledger.data-dir=" + dataDir, "--server.port=0",
                "--ledger.security.editors=editor:" + Http.EDITOR, "--ledger.security.admins=admin:" + Http.ADMIN))) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            WritingThenFailing probe = app.getBean(WritingThenFailing.class);
            probe.jdbc = jdbc;
            jdbc.execute("create table rdl_written (event_id varchar(100) primary key, note varchar(2000))");

            http.post("/api/articles", Map.of("id", "rdw-a", "url", "https://rdw.example/a", "title", "t",
                    "outlet", "R", "publishedAt", "2021-05-07"));
            http.post("/api/claims", Map.of("id", "rdw-0", "articleId", "rdw-a", "statement", "rdw-0",
                    "attributedTo", "Rdw Source"));
            for (int i = 1; i <= 40; i++) {
                http.post("/api/claims", Map.of("id", "rdw-" + i, "articleId", "rdw-a", "statement", "rdw-" + i,
                        "attributedTo", "Rdw Source"));
            }
            probe.armed.set(true);
            for (int i = 1; i <= 40; i++) {
                assertThat(http.post("/api/claims/rdw-" + i + "/corroborations", Map.of("byClaim", "rdw-0",
                        "note", i == 20 ? "poison" : "note " + i)).status()).isIn(201, 202);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (letters(http) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(letters(http)).isEqualTo(1);
            assertThat(jdbc.queryForList("select note from rdl_written where note like 'note %' or note = 'poison'"
                    + " order by note", String.class))
                    .as("every corroboration's row but the poison one's").hasSize(39).doesNotContain("poison");

            jdbc.update("delete from rdl_written");
            String id = http.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
            assertThat(awaitEnd(http, id)).isEqualTo("COMPLETED");
            JsonNode queued = http.send("GET", "/api/admin/dead-letters", null, Http.ADMIN).json();
            assertThat(queued.get("count").asLong()).as(queued.toPrettyString()).isEqualTo(1);
            assertThat(queued.get("letters").get(0).get("cause").asText()).contains("rdl probe fault after a write");
            assertThat(jdbc.queryForList("select note from rdl_written where note like 'note %' or note = 'poison'"
                    + " order by note", String.class))
                    .as("the replay, all of them in one transaction: the same rows").hasSize(39)
                    .doesNotContain("poison");
        }
    }

    /**
     * A rebuild hands an event to a group's handlers once; when one fails, what the others wrote for it is undone
     * before the group's dead-letter handling runs them again — so the letter's cause is the failing handler's, and
     * what the others write stays written once, as in the live projections.
     */
    @Test
    void aRebuildUndoesAFailedEventsOtherHandlersBeforeItIsQueued(@TempDir Path dataDir) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ClaimLedgerApplication.class,
                FailingHandler.class, CorroborationMarks.class).run(TestDatabase.args("--ledger.data-dir=" + dataDir,
                "--server.port=0", "--ledger.security.editors=editor:" + Http.EDITOR,
                "--ledger.security.admins=admin:" + Http.ADMIN))) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            CorroborationMarks marking = app.getBean(CorroborationMarks.class);
            FailingHandler failing = app.getBean(FailingHandler.class);
            marking.jdbc = jdbc;
            jdbc.execute("create table rdl_mark (event_id varchar(100) primary key)");

            http.post("/api/articles", Map.of("id", "rdm-a", "url", "https://rdm.example/a", "title", "t",
                    "outlet", "R", "publishedAt", "2021-05-06"));
            for (String id : new String[]{"rdm-1", "rdm-2"}) {
                http.post("/api/claims", Map.of("id", id, "articleId", "rdm-a", "statement", id,
                        "attributedTo", "Rdm Source"));
            }
            assertThat(http.post("/api/claims/rdm-1/corroborations", Map.of("byClaim", "rdm-2", "note", "poison"))
                    .status()).isEqualTo(201);
            assertThat(letters(http)).isZero();

            marking.armed.set(true);
            failing.armed.set(true);
            String id = http.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
            assertThat(awaitEnd(http, id)).isEqualTo("COMPLETED");

            assertThat(marking.marked.get()).as("the marking handler ran before the failing one, in each of the two runs")
                    .isEqualTo(2);
            JsonNode queued = http.send("GET", "/api/admin/dead-letters", null, Http.ADMIN).json();
            assertThat(queued.get("count").asLong()).isEqualTo(1);
            assertThat(queued.get("letters").get(0).get("cause").asText()).contains("rdl probe fault");
            assertThat(jdbc.queryForObject("select count(*) from rdl_mark", Long.class)).isEqualTo(1);
        }
    }

    @Test
    void aReplayKeepsTheLettersUntilItsSwitchAndRefusesRetriesMeanwhile(@TempDir Path dataDir) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ClaimLedgerApplication.class,
                HoldingProjection.class).run(TestDatabase.args("--ledger.data-dir=" + dataDir, "--server.port=0",
                "--ledger.replay.batch-events=7", "--ledger.security.editors=editor:" + Http.EDITOR,
                "--ledger.security.admins=admin:" + Http.ADMIN))) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            HoldingProjection probe = app.getBean(HoldingProjection.class);

            // Given a claims projection that failed on one corroboration (the fault: its live table refuses it).
            http.post("/api/articles", Map.of("id", "rdl-a", "url", "https://rdl.example/a", "title", "t",
                    "outlet", "R", "publishedAt", "2021-05-05"));
            for (String id : new String[]{"rdl-1", "rdl-2"}) {
                http.post("/api/claims", Map.of("id", id, "articleId", "rdl-a", "statement", id,
                        "attributedTo", "Rdl Source"));
            }
            jdbc.execute("alter table public.claim_corroboration add constraint rdl_fault " + FAULT);
            assertThat(http.post("/api/claims/rdl-1/corroborations", Map.of("byClaim", "rdl-2", "note", "poison"))
                    .status()).isEqualTo(201);
            assertThat(letters(http)).isEqualTo(1);
            assertThat(corroborations(http)).isZero();

            // When a replay runs (held on its first event), a retry is refused and changes nothing.
            probe.hold.set(true);
            String id = http.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
            assertThat(probe.held.await(60, TimeUnit.SECONDS)).as("the replay reached the probe").isTrue();
            Http.Response refused = http.post("/api/admin/dead-letters/retry", Map.of(), Http.ADMIN);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).contains("replay", id);
            assertThat(letters(http)).isEqualTo(1);
            assertThat(corroborations(http)).isZero();
            probe.hold.set(false);
            probe.release.countDown();

            // The rebuild applies the corroboration (its shadow table has no fault); the switch cannot bring it into
            // the live table, which still refuses it: the replay fails, and the letter stays with the projections
            // left in place.
            assertThat(awaitEnd(http, id)).isEqualTo("FAILED");
            assertThat(letters(http)).isEqualTo(1);
            assertThat(corroborations(http)).isZero();
            // Once the fault is removed, a retry applies it.
            jdbc.execute("alter table public.claim_corroboration drop constraint rdl_fault");
            JsonNode retried = http.post("/api/admin/dead-letters/retry", Map.of(), Http.ADMIN).json();
            assertThat(retried.get("retried").asLong()).isEqualTo(1);
            assertThat(letters(http)).isZero();
            assertThat(corroborations(http)).isEqualTo(1);

            // A replay whose rebuild fails on the corroboration (the fault now in its shadow table only) completes
            // with the letter of its rebuild: stored in the shadow queue during the rebuild, switched in with the
            // tables, which lack the corroboration as the rebuild left them.
            jdbc.execute("alter table replay.claim_corroboration add constraint rdl_fault " + FAULT);
            String second = http.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
            assertThat(awaitEnd(http, second)).isEqualTo("COMPLETED");
            JsonNode queued = http.send("GET", "/api/admin/dead-letters", null, Http.ADMIN).json();
            assertThat(queued.get("count").asLong()).isEqualTo(1);
            assertThat(queued.get("letters").get(0).get("type").asText()).isEqualTo("ClaimCorroborated");
            assertThat(queued.get("letters").get(0).get("aggregateId").asText()).isEqualTo("rdl-1");
            assertThat(corroborations(http)).isZero();
            assertThat(jdbc.queryForObject("select count(*) from replay.dead_letter_entry", Long.class))
                    .as("the shadow queue emptied after the switch").isZero();
            jdbc.execute("alter table replay.claim_corroboration drop constraint rdl_fault");
            assertThat(http.post("/api/admin/dead-letters/retry", Map.of(), Http.ADMIN).json().get("remaining")
                    .asLong()).isZero();
            assertThat(corroborations(http)).isEqualTo(1);
        }
    }

    private static long letters(Http http) {
        return http.send("GET", "/api/admin/dead-letters", null, Http.ADMIN).json().get("count").asLong();
    }

    private static int corroborations(Http http) {
        return http.get("/api/claims/rdl-1").json().get("corroborations").size();
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
