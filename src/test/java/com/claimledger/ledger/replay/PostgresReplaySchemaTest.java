package com.claimledger.ledger.replay;

import com.claimledger.support.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL the shadow projections are unlogged (a rebuild does not write its rows to the write-ahead log too;
 * after a crash PostgreSQL empties them, as a replay does first) while the projections readers see stay logged, and
 * the shadows carry no reader's index (V15, V16); the dead-letter queue's shadow (V24) is unlogged too and has the
 * queue's columns.
 */
class PostgresReplaySchemaTest {

    @Test
    void shadowsAreUnloggedAndCarryOnlyTheRebuildsIndexes() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start()) {
            String url = postgres.createDatabase("replay_schema");
            Flyway.configure().dataSource(url, "ledger", "ledger")
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "ledger", "ledger"));

            String persistence = """
                    select string_agg(distinct c.relpersistence::text, '') from pg_class c
                    join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = ? and c.relkind = 'r' and c.relname in ('claim_view', 'claim_word', 'claim_wording',
                          'claim_subject', 'claim_dispute', 'entity_view', 'article_view', 'dead_letter_entry')""";
            assertThat(jdbc.queryForObject(persistence, String.class, "replay")).isEqualTo("u");
            assertThat(jdbc.queryForObject(persistence, String.class, "public")).isEqualTo("p");
            assertThat(jdbc.queryForList("""
                    select indexname from pg_indexes where schemaname = 'replay' and tablename like 'claim%'
                    and indexname not like '%pkey' order by indexname""", String.class)).isEmpty();
            assertThat(jdbc.queryForList("""
                    select indexname from pg_indexes where schemaname = 'public' and tablename = 'claim_word'
                    order by indexname""", String.class)).contains("idx_claim_word_posting")
                    .doesNotContain("idx_claim_word_pattern", "idx_claim_word_word");
            // The dead-letter queue's shadow (V24): the same columns, in the same order, as the queue's table.
            String columns = """
                    select string_agg(column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length, 0)
                                      || ' ' || is_nullable, ', ' order by ordinal_position)
                    from information_schema.columns where table_schema = ? and table_name = 'dead_letter_entry'""";
            assertThat(jdbc.queryForObject(columns, String.class, "replay"))
                    .isEqualTo(jdbc.queryForObject(columns, String.class, "public")).contains("payload bytea");
        }
    }
}
