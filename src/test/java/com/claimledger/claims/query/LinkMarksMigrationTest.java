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
 * A ledger's claims from before V30 that made links — disputed or corroborated another claim, a withdrawn dispute
 * too — are marked on their rows when the node that brings V30 starts; the others are not. On H2 and PostgreSQL.
 */
class LinkMarksMigrationTest {

    @Test
    void anOlderH2LedgersMakersAreMarked(@TempDir Path dir) {
        anOlderLedgersMakersAreMarked("jdbc:h2:file:" + dir.resolve("ledger"), "sa", "", "classpath:db/migration/h2");
    }

    @Test
    void anOlderPostgresLedgersMakersAreMarked() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            anOlderLedgersMakersAreMarked(postgres.createDatabase("linkmarks"), "ledger", "ledger",
                    "classpath:db/migration/postgresql");
        }
    }

    private static void anOlderLedgersMakersAreMarked(String url, String user, String password, String own) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration/common", own)
                .target("29").load().migrate();
        var jdbc = new NamedParameterJdbcTemplate(new DriverManagerDataSource(url, user, password));
        OffsetDateTime at = OffsetDateTime.parse("2015-07-20T00:00:00Z");
        for (String id : List.of("about", "disputing", "agreeing", "withdrawn", "plain")) {
            jdbc.update("insert into claim_view (claim_id, article_id, attributed_to, occurred_at, recorded_at, version)"
                    + " values (:id, 'a', 's', :at, :at, 0)", Map.of("id", id, "at", at));
        }
        jdbc.update("insert into claim_dispute (claim_id, by_claim_id, round, occurred_at, recorded_at)"
                + " values ('about', 'disputing', 0, :at, :at)", Map.of("at", at));
        jdbc.update("insert into claim_dispute (claim_id, by_claim_id, round, occurred_at, recorded_at,"
                + " withdrawn_occurred_at, withdrawn_recorded_at) values ('about', 'withdrawn', 0, :at, :at, :at, :at)",
                Map.of("at", at));
        jdbc.update("insert into claim_corroboration (claim_id, by_claim_id, occurred_at, recorded_at)"
                + " values ('about', 'agreeing', :at, :at)", Map.of("at", at));

        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration/common", own)
                .load().migrate();

        assertThat(jdbc.queryForList("select claim_id from claim_view where makes_links order by claim_id", Map.of(),
                String.class)).containsExactly("agreeing", "disputing", "withdrawn");
        assertThat(jdbc.queryForObject("select count(*) from claim_maker_pending", Map.of(), Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from replay.claim_view where makes_links", Map.of(), Long.class))
                .isZero();
    }
}
