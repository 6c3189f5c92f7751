package com.claimledger.claims.query;

import com.claimledger.support.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search on PostgreSQL reads index ranges as long as a page also in a database with a language's collation, as
 * production databases have (the tests' cluster is C): the words compare by code point (V18), and one index (V20)
 * gives the words a term begins, from one to the next, and each word's claims in page order. The plans are those of
 * the prepared statements the reader sends, with bound parameters, after PostgreSQL has switched to generic plans.
 */
class PostgresWordIndexTest {

    @Test
    void aSearchIsIndexRangesUnderALanguagesCollation() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            String url = postgres.createDatabase("words_en", "template template0 encoding 'UTF8' locale_provider icu"
                    + " icu_locale 'en-US' lc_collate 'C' lc_ctype 'C'");
            Flyway.configure().dataSource(url, "ledger", "ledger")
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
            try (Connection connection = DriverManager.getConnection(url, "ledger", "ledger");
                 Statement sql = connection.createStatement()) {
                // One word in every fifth claim, a thousand others in fifty each.
                sql.execute("insert into claim_word (claim_id, word, occurred_at) select 'c' || g,"
                        + " case when g % 5 = 0 then 'common' else 'w' || (g % 1000) || 'x' end,"
                        + " timestamp with time zone '2015-01-01 00:00:00+00' + g * interval '1 minute'"
                        + " from generate_series(1, 50000) g");
                sql.execute("analyze claim_word");
                sql.execute("set plan_cache_mode = force_generic_plan");

                String next = plan(connection, ClaimFilters.nextWordSql(true), "w12%", "w12x\u0001", "w13");
                // The range from the word after the last one found to the term's successor (a sort of its few rows
                // is the planner's choice when they are few).
                assertThat(next).as(next).contains("idx_claim_word_posting").containsPattern("Index Cond: .*>= 'w12x")
                        .contains("< 'w13'");

                String page = plan(connection, ClaimReader.postingsSql(1, false), "common", 51);
                assertThat(page).as(page).contains("idx_claim_word_posting").doesNotContain("Sort");
                String later = plan(connection, ClaimReader.postingsSql(1, true), "common",
                        OffsetDateTime.parse("2015-01-10T00:00:00Z"), OffsetDateTime.parse("2015-01-10T00:00:00Z"),
                        "c100", 51);
                assertThat(later).as(later).contains("idx_claim_word_posting").doesNotContain("Sort  (");

                // The words in code point order, whatever the database's collation: a prefix is one range.
                List<String> words = new ArrayList<>();
                sql.execute("insert into claim_word (claim_id, word, occurred_at) values"
                        + " ('d1', 'ab', now()), ('d2', 'a-b', now()), ('d3', 'Ab', now()), ('d4', 'a b', now())");
                try (ResultSet rows = sql.executeQuery("select word from claim_word where word like 'a%' order by word")) {
                    while (rows.next()) {
                        words.add(rows.getString(1));
                    }
                }
                assertThat(words).containsExactly("a b", "a-b", "ab");
            }
        }
    }

    /** The plan of a reader's statement, its named parameters bound in order of appearance. */
    private static String plan(Connection connection, String namedSql, Object... values) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement explain = connection.prepareStatement(
                "explain " + NamedParameterUtils.parseSqlStatementIntoString(namedSql))) {
            for (int i = 0; i < values.length; i++) {
                explain.setObject(i + 1, values[i]);
            }
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
