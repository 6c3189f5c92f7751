package com.claimledger.claims.query;

import com.claimledger.support.ProjectionDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The word index a search reads in page order (migrations V17–V20): the words a term begins, one seek from one to the
 * next; each word's claims by narrative time and id, an index range H2 reads in its order and stops at the page; and
 * the upgrade of a ledger whose word rows predate the narrative time, in batches.
 */
class ClaimWordIndexTest {

    @Test
    void theWordsATermBeginsComeInIndexOrderUpToTheMost() {
        try (ProjectionDatabase db = ProjectionDatabase.fresh()) {
            for (String word : List.of("amirov", "amirov's", "amirova", "amir", "amina", "bishkek")) {
                db.jdbc().update("insert into claim_word (claim_id, word, occurred_at) values ('c', :word, :at)",
                        Map.of("word", word, "at", OffsetDateTime.parse("2015-07-20T00:00:00Z")));
            }
            assertThat(filters(db, 32).wordsBeginning("amir")).contains(List.of("amir", "amirov", "amirov's", "amirova"));
            assertThat(filters(db, 32).wordsBeginning("amirov'")).contains(List.of("amirov's"));
            assertThat(filters(db, 32).wordsBeginning("syria")).contains(List.of());
            assertThat(filters(db, 4).wordsBeginning("amir")).isPresent();
            assertThat(filters(db, 3).wordsBeginning("amir")).as("more words than the most").isEmpty();
            assertThat(Words.successor("amir")).contains("amis");
            assertThat(Words.successor("")).isEmpty();
            assertThat(Words.successor("a\uffff")).isEmpty();
        }
    }

    @Test
    void aWordsClaimsInPageOrderAreAnIndexRangeReadInItsOrder() {
        try (ProjectionDatabase db = ProjectionDatabase.fresh()) {
            var at = OffsetDateTime.parse("2015-07-20T00:00:00Z");
            String first = plan(db, ClaimReader.postingsSql(1, false), new MapSqlParameterSource("word0", "amirov")
                    .addValue("count", 51));
            assertThat(first).as(first).contains("IDX_CLAIM_WORD_POSTING: WORD = ?1").contains("/* index sorted */");
            String after = plan(db, ClaimReader.postingsSql(1, true), new MapSqlParameterSource("word0", "amirov")
                    .addValue("afterTime", at).addValue("afterId", "c-1").addValue("count", 51));
            assertThat(after).as(after).contains("IDX_CLAIM_WORD_POSTING: WORD = ?1\n        AND OCCURRED_AT >= ?2")
                    .contains("/* index sorted */");
            String two = plan(db, ClaimReader.postingsSql(2, true), new MapSqlParameterSource("word0", "amirov")
                    .addValue("word1", "amirova").addValue("afterTime", at).addValue("afterId", "c-1")
                    .addValue("count", 51));
            assertThat(two.split("/\\* index sorted \\*/", -1)).as(two).hasSize(3);
            String next = plan(db, ClaimFilters.nextWordSql(true), new MapSqlParameterSource("prefix", "amir%")
                    .addValue("from", "amirov\u0001").addValue("before", "amis"));
            assertThat(next).as(next).contains("IDX_CLAIM_WORD_POSTING: WORD < ?3\n        AND WORD >= ?2")
                    .contains("/* index sorted */");
        }
    }

    @Test
    void anOlderLedgersWordRowsGetTheirClaimsNarrativeTimeInBatches(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("ledger");
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .target("15").load().migrate();
        var jdbc = new NamedParameterJdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        for (int i = 0; i < 7; i++) {
            jdbc.update("""
                    insert into claim_view (claim_id, article_id, attributed_to, occurred_at, recorded_at, version)
                    values (:id, 'a', 's', :at, :at, 0)""", Map.of("id", "c-" + i,
                    "at", OffsetDateTime.parse("2015-07-20T00:00:00Z").plusHours(i)));
            for (String word : List.of("amirov", "raid", "w" + i)) {
                jdbc.update("insert into claim_word (claim_id, word) values (:id, :word)", Map.of("id", "c-" + i, "word", word));
            }
        }
        jdbc.update("insert into claim_word (claim_id, word) values ('no-such-claim', 'amirov')", Map.of());

        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .javaMigrations(new ClaimWordNarrativeTime(3)).load().migrate();

        JdbcTemplate plain = jdbc.getJdbcTemplate();
        assertThat(plain.queryForObject("select count(*) from claim_word", Integer.class)).isEqualTo(21);
        assertThat(plain.queryForObject("""
                select count(*) from claim_word w join claim_view c on c.claim_id = w.claim_id
                where w.occurred_at = c.occurred_at""", Integer.class)).isEqualTo(21);
        assertThat(plain.queryForObject("""
                select is_nullable from information_schema.columns
                where table_name = 'CLAIM_WORD' and table_schema = 'PUBLIC' and column_name = 'OCCURRED_AT'""",
                String.class)).isEqualTo("NO");
        assertThat(plain.queryForList("select \"installed_rank\" from \"flyway_schema_history\""
                + " where \"version\" = '19' and \"success\"", Integer.class)).hasSize(1);
        plain.execute("shutdown");
    }

    private static ClaimFilters filters(ProjectionDatabase db, int mostWords) {
        return new ClaimFilters(db.jdbc(), null, 2000, mostWords);
    }

    private static String plan(ProjectionDatabase db, String sql, MapSqlParameterSource params) {
        return String.join("\n", db.jdbc().queryForList("explain " + sql, params, String.class));
    }
}
