package com.claimledger.claims.query;

import com.claimledger.support.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A word search on PostgreSQL reads an index range as large as its matches also in a database with a language's
 * collation, as production databases have (the tests' cluster is C): migration V14's pattern index.
 */
class PostgresWordIndexTest {

    @Test
    void aWordPrefixIsAnIndexRangeUnderALanguagesCollation() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            String url = postgres.createDatabase("words_en", "template template0 encoding 'UTF8' locale_provider icu"
                    + " icu_locale 'en-US' lc_collate 'C' lc_ctype 'C'");
            Flyway.configure().dataSource(url, "ledger", "ledger")
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
            try (Connection connection = DriverManager.getConnection(url, "ledger", "ledger");
                 Statement sql = connection.createStatement()) {
                sql.execute("insert into claim_word (claim_id, word) select 'c' || g, 'w' || (g % 1000) || 'x'"
                        + " from generate_series(1, 20000) g");
                sql.execute("analyze claim_word");
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = sql.executeQuery(
                        "explain select distinct claim_id from claim_word where word like 'w12%' escape '\\'")) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                assertThat(plan.toString()).as(plan.toString()).contains("idx_claim_word_pattern").contains("~>=~");
            }
        }
    }
}
