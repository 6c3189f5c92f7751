package com.claimledger.claims.query;

import com.claimledger.support.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ledger's claims from before V26 get their claim as recorded on their claim_view rows when the node that brings
 * V26 starts: the wording of revision 0 (not a later amendment's), the subjects' ids in their order, the number of
 * amendments — on H2 and on PostgreSQL, whose migrations differ only in how they join the ids. V27 then deletes the
 * second copy of that wording from claim_wording, which keeps the amendments only — but never a wording that no
 * claim_view row holds.
 */
class ClaimViewAsRecordedMigrationTest {

    @Test
    void anOlderH2LedgersClaimsGetTheirRecordingOnTheirRows(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("ledger");
        anOlderLedgersClaimsGetTheirRecordingOnTheirRows(url, "sa", "", "classpath:db/migration/h2");
    }

    @Test
    void anOlderPostgresLedgersClaimsGetTheirRecordingOnTheirRows() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            anOlderLedgersClaimsGetTheirRecordingOnTheirRows(postgres.createDatabase("asrecorded"), "ledger", "ledger",
                    "classpath:db/migration/postgresql");
        }
    }

    private static void anOlderLedgersClaimsGetTheirRecordingOnTheirRows(String url, String user, String password,
                                                                        String own) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration/common", own)
                .target("25").load().migrate();
        var jdbc = new NamedParameterJdbcTemplate(new DriverManagerDataSource(url, user, password));
        OffsetDateTime at = OffsetDateTime.parse("2015-07-20T00:00:00Z");
        for (String schema : List.of("public", "replay")) {
            for (String id : List.of("amended", "plain", "no-subjects")) {
                jdbc.update("insert into " + schema + ".claim_view (claim_id, article_id, attributed_to, occurred_at,"
                        + " recorded_at, version) values (:id, 'a', 's', :at, :at, 0)", Map.of("id", id, "at", at));
                jdbc.update("insert into " + schema + ".claim_wording (claim_id, revision, statement, quote, occurred_at,"
                        + " recorded_at) values (:id, 0, :statement, :quote, :at, :at)",
                        Map.of("id", id, "statement", "as recorded: " + id, "quote", "q " + id, "at", at));
            }
            jdbc.update("insert into " + schema + ".claim_wording (claim_id, revision, statement, occurred_at, recorded_at)"
                    + " values ('amended', 1, 'first amendment', :at, :at), ('amended', 2, 'second', :at, :at)",
                    Map.of("at", at));
            // A wording whose claim has no row (none should exist): nothing else holds it, so it stays.
            jdbc.update("insert into " + schema + ".claim_wording (claim_id, revision, statement, occurred_at, recorded_at)"
                    + " values ('rowless', 0, 'only here', :at, :at)", Map.of("at", at));
            // Positions inserted out of order: the ids are joined in position order.
            jdbc.update("insert into " + schema + ".claim_subject (claim_id, position, entity_id) values"
                    + " ('plain', 1, 'second-entity'), ('plain', 0, 'first-entity'), ('amended', 0, 'amirov')", Map.of());
        }

        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration/common", own)
                .load().migrate();

        for (String schema : List.of("public", "replay")) {
            assertThat(jdbc.queryForList("select claim_id, statement, quote, subject_ids, amendments from " + schema
                    + ".claim_view order by claim_id", Map.of()).stream().map(row -> {
                        Map<String, Object> lower = new java.util.HashMap<>();
                        row.forEach((key, value) -> lower.put(key.toLowerCase(), value));
                        return lower.get("claim_id") + "|" + lower.get("statement") + "|" + lower.get("quote") + "|"
                                + lower.get("subject_ids") + "|" + lower.get("amendments");
                    }).toList()).as(schema).containsExactly(
                    "amended|as recorded: amended|q amended|amirov|2",
                    "no-subjects|as recorded: no-subjects|q no-subjects|null|0",
                    "plain|as recorded: plain|q plain|first-entity second-entity|0");
            assertThat(jdbc.queryForList("select claim_id || '|' || revision || '|' || statement from " + schema
                    + ".claim_wording order by claim_id, revision", Map.of(), String.class)).as(schema)
                    .containsExactly("amended|1|first amendment", "amended|2|second", "rowless|0|only here");
        }
    }
}
