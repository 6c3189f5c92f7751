package com.claimledger.ledger.replay;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.claimledger.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay in many small batches (seven events a transaction): it rebuilds into the shadow tables while readers keep
 * seeing the projections as they were — here, deliberately damaged — and switches the rebuilt ones in at once, after
 * which the damage is gone, the views are those the ledger gives, and the shadow tables are empty again.
 */
class ShadowReplayTest {

    @Test
    void aReplayInBatchesRepairsTheProjectionsAndSwitchesThemInAtOnce(@TempDir Path dataDir) throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ClaimLedgerApplication.class)
                .run(TestDatabase.args("--ledger.data-dir=" + dataDir, "--server.port=0", "--ledger.replay.batch-events=7",
                        "--ledger.security.editors=editor:" + Http.EDITOR,
                        "--ledger.security.admins=admin:" + Http.ADMIN))) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            String checksum = http.get("/api/views/checksum").json().get("checksum").asText();
            int claims = currentClaims(http);
            assertThat(http.ledgerSize()).as("more events than one batch").isGreaterThan(50);

            // Damage the claims projection: two claims and their words are gone from the current view.
            List<String> lost = jdbc.queryForList("select claim_id from claim_view order by claim_id fetch first 2 rows only",
                    String.class);
            for (String table : List.of("claim_word", "claim_subject", "claim_wording", "claim_view")) {
                lost.forEach(id -> jdbc.update("delete from " + table + " where claim_id = ?", id));
            }
            int damaged = currentClaims(http);
            assertThat(damaged).isLessThan(claims);
            // And the entities projection: a source's name, changed with the projection's generation as a merge
            // changes it, so that the node reads the damaged name and keeps it (Known).
            String shown = jdbc.queryForObject("select max(claim_id) from claim_view", String.class);
            JsonNode source = http.get("/api/claims/" + shown).json().get("attributedTo");
            jdbc.update("update entity_view set name = 'Damaged name' where entity_id = ?", source.get("id").asText());
            jdbc.update("update projection_generation set generation = generation + 1");
            assertThat(http.get("/api/claims/" + shown).json().at("/attributedTo/name").asText()).isEqualTo("Damaged name");
            // And the marks of the claims that made links (claims/query/LinkMakers): all taken away.
            assertThat(jdbc.update("update claim_view set makes_links = false where makes_links")).isPositive();

            AtomicBoolean done = new AtomicBoolean();
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    seen.add(currentClaims(http));
                }
            });
            reader.start();
            String id = http.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
            JsonNode status;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            do {
                Thread.sleep(10);
                status = http.get("/api/admin/replay/" + id).json();
            } while (status.get("status").asText().equals("RUNNING") && System.nanoTime() < deadline);
            done.set(true);
            reader.join();

            assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(status.get("processed").asLong()).isEqualTo(status.get("total").asLong());
            assertThat(seen).as("readers saw the old projections or the rebuilt ones, never a part")
                    .isNotEmpty().allMatch(n -> n == damaged || n == claims);
            assertThat(currentClaims(http)).isEqualTo(claims);
            assertThat(http.get("/api/claims/" + shown).json().get("attributedTo")).as("the name rebuilt, not the one kept")
                    .isEqualTo(source);
            assertThat(http.get("/api/views/checksum").json().get("checksum").asText()).isEqualTo(checksum);
            assertThat(jdbc.queryForList("select claim_id from claim_view where makes_links order by claim_id", String.class))
                    .as("every claim that made a link marked again").isNotEmpty()
                    .isEqualTo(jdbc.queryForList("select by_claim_id from claim_dispute union"
                            + " select by_claim_id from claim_corroboration order by by_claim_id", String.class));
            for (String table : ShadowTables.of(jdbc).tables()) {
                assertThat(jdbc.queryForObject("select count(*) from replay." + table, Long.class))
                        .as("shadow %s emptied after the switch", table).isZero();
            }
            // Later writes land in the projections of the default schema, as before.
            assertThat(http.post("/api/articles", Map.of("id", "after-replay", "url", "https://after.example/a",
                    "title", "After", "outlet", "After", "publishedAt", "2020-02-02"), Http.EDITOR).status()).isEqualTo(201);
            assertThat(jdbc.queryForObject("select count(*) from public.article_view where article_id = 'after-replay'",
                    Long.class)).isEqualTo(1);
        }
    }

    /**
     * Only the derived tables damaged — a claim's words gone, a stray word added; a claim's subjects gone, a stray
     * subject added — while the tables they derive from are intact: the rows derived from the live tables while the
     * events are fed (ledger.replay.derive-ahead, on by default) find them out of line, and the replay brings them back
     * to what the ledger gives.
     */
    @Test
    void aReplayRepairsADamagedWordIndexAndSubjectsFromTheRowsDerivedWhileItFeedsTheEvents(@TempDir Path dataDir)
            throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ClaimLedgerApplication.class)
                .run(TestDatabase.args("--ledger.data-dir=" + dataDir, "--server.port=0",
                        "--ledger.security.admins=admin:" + Http.ADMIN))) {
            Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            String checksum = http.get("/api/views/checksum").json().get("checksum").asText();
            String claim = jdbc.queryForObject("select claim_id from claim_word order by claim_id fetch first 1 rows only",
                    String.class);
            List<Map<String, Object>> words = jdbc.queryForList("select * from claim_word order by claim_id, word");
            assertThat(jdbc.update("delete from claim_word where claim_id = ?", claim)).isPositive();
            jdbc.update("insert into claim_word (claim_id, word, occurred_at) select claim_id, 'zzz-stray', occurred_at"
                    + " from claim_view order by claim_id desc fetch first 1 rows only");
            List<Map<String, Object>> subjects = jdbc.queryForList("select * from claim_subject order by claim_id, position");
            String about = jdbc.queryForObject("select claim_id from claim_subject order by claim_id desc"
                    + " fetch first 1 rows only", String.class);
            assertThat(jdbc.update("delete from claim_subject where claim_id = ?", about)).isPositive();
            jdbc.update("insert into claim_subject (claim_id, position, entity_id) select claim_id, 99, 'zzz-stray'"
                    + " from claim_view order by claim_id fetch first 1 rows only");
            assertThat(http.get("/api/views/checksum").json().get("checksum").asText()).isNotEqualTo(checksum);

            String id = http.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
            JsonNode status;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            do {
                Thread.sleep(10);
                status = http.get("/api/admin/replay/" + id).json();
            } while (status.get("status").asText().equals("RUNNING") && System.nanoTime() < deadline);

            assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(jdbc.queryForList("select * from claim_word order by claim_id, word")).isEqualTo(words);
            assertThat(jdbc.queryForList("select * from claim_subject order by claim_id, position")).isEqualTo(subjects);
            assertThat(http.get("/api/views/checksum").json().get("checksum").asText()).isEqualTo(checksum);
        }
    }

    private static int currentClaims(Http http) {
        return http.get("/api/views/current?limit=500").json().get("claims").size();
    }
}
