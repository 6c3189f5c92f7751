package com.claimledger.claims.query;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.util.List;

/**
 * Flyway migration 19: the word rows of a ledger's claims recorded before V17 get their claim's narrative time, a
 * range of {@value #CLAIMS_A_BATCH} claims at a time, each range its own transaction — at 10^6 claims the word table
 * holds some 3×10^7 rows, and H2 did not finish a transaction of that many changes in a quarter of an hour (issue 9,
 * fifth round). Rows already filled are left alone, so a migration interrupted by a crash starts again where it
 * stopped. Word rows of no claim (none are written; a defect would leave them) cannot be placed in page order and
 * are removed: a search only ever shows claims of {@code claim_view}. A new ledger has no rows: nothing to do.
 */
@Component
class ClaimWordNarrativeTime implements JavaMigration {

    static final int CLAIMS_A_BATCH = 2000;

    private final int claimsABatch;

    ClaimWordNarrativeTime() {
        this(CLAIMS_A_BATCH);
    }

    /** With batches of {@code claimsABatch} claims (tests: several batches from a few claims). */
    ClaimWordNarrativeTime(int claimsABatch) {
        this.claimsABatch = claimsABatch;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("19");
    }

    @Override
    public String getDescription() {
        return "narrative time of the word rows recorded before it";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    /** Its own transactions, one a batch (see above). */
    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            fill(connection);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private void fill(Connection connection) throws Exception {
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(new SingleConnectionDataSource(connection, true));
        String after = "";
        while (true) {
            // The last claim of the next range: the range is (after, upTo], or everything after the last full one.
            List<String> upTo = jdbc.queryForList("""
                    select claim_id from claim_view where claim_id > :after order by claim_id
                    offset :skip rows fetch next 1 row only""",
                    new MapSqlParameterSource("after", after).addValue("skip", claimsABatch - 1), String.class);
            var range = new MapSqlParameterSource("after", after);
            String within = "w.claim_id > :after";
            if (!upTo.isEmpty()) {
                within += " and w.claim_id <= :upTo";
                range.addValue("upTo", upTo.get(0));
            }
            jdbc.update("""
                    update claim_word w set occurred_at = (select c.occurred_at from claim_view c where c.claim_id = w.claim_id)
                    where %s and w.occurred_at is null""".formatted(within), range);
            connection.commit();
            if (upTo.isEmpty()) {
                break;
            }
            after = upTo.get(0);
        }
        jdbc.update("delete from claim_word where occurred_at is null", new MapSqlParameterSource());
        connection.commit();
    }
}
