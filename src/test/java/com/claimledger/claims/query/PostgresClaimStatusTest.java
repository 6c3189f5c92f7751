package com.claimledger.claims.query;

import com.claimledger.support.LocalPostgres;
import com.claimledger.time.AsOf;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims' status at t asked in SQL ({@link Temporal#status}, as the list filters ask it) costs PostgreSQL a lookup a
 * claim, not a pass over every dispute: written
 * with {@code exists} inside the status's {@code case}, PostgreSQL chose to evaluate each dispute subquery once over
 * the whole table (every dispute in force at t, each with its retraction lookups) and hash it.
 */
class PostgresClaimStatusTest {

    @Test
    void aPagesStatusesAreLookupsByEachClaimNotPassesOverTheDisputes() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            String url = postgres.createDatabase("status", "");
            Flyway.configure().dataSource(url, "ledger", "ledger")
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
            var jdbc = new NamedParameterJdbcTemplate(new DriverManagerDataSource(url, "ledger", "ledger"));
            var sql = jdbc.getJdbcTemplate();
            // 10,000 claims, one in ten disputed by the next one, one in a hundred retracted: a ledger at 10^4.
            sql.execute("""
                    insert into claim_view (claim_id, article_id, attributed_to, occurred_at, recorded_at, version)
                    select 'c-' || g, 'a', 's', timestamp with time zone '2015-01-01 00:00:00+00' + g * interval '1 hour',
                           timestamp with time zone '2026-01-01 00:00:00+00' + g * interval '1 second', 0
                    from generate_series(1, 10000) g""");
            sql.execute("""
                    insert into claim_dispute (claim_id, by_claim_id, round, occurred_at, recorded_at)
                    select 'c-' || g, 'c-' || (g + 1), 0, timestamp with time zone '2015-01-01 00:00:00+00' + g * interval '1 hour',
                           timestamp with time zone '2026-01-01 00:00:00+00' + g * interval '1 second'
                    from generate_series(10, 10000, 10) g""");
            sql.execute("""
                    insert into claim_retraction (claim_id, reason, retracted_by, occurred_at, recorded_at)
                    select 'c-' || g, 'withdrawn', 's', timestamp with time zone '2015-01-01 00:00:00+00' + g * interval '1 hour',
                           timestamp with time zone '2026-01-01 00:00:00+00' + g * interval '1 second'
                    from generate_series(100, 10000, 100) g""");
            sql.execute("analyze");
            List<String> page = IntStream.rangeClosed(1, 31).mapToObj(i -> "c-" + (i * 97)).toList();
            for (AsOf.Axis axis : AsOf.Axis.values()) {
                // the status as the list filters ask it (a claim's view decides it from its rows: ClaimStatuses)
                Temporal time = new Temporal(axis);
                String statuses = "select c.claim_id, " + time.status("c") + " as status from claim_view c"
                        + " where c.claim_id in (:ids) and " + time.visible("c");
                String plan = String.join("\n", jdbc.queryForList("explain " + statuses,
                        new MapSqlParameterSource("ids", page).addValue("t", OffsetDateTime.parse("2027-01-01T00:00:00Z")),
                        String.class));
                assertThat(plan).as(plan).doesNotContain("Seq Scan on claim_dispute")
                        .contains("Index Scan using claim_dispute_pkey").contains("Index Scan using idx_claim_dispute_by");
            }
        }
    }
}
