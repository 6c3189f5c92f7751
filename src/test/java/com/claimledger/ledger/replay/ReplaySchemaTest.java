package com.claimledger.ledger.replay;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shadow projections a replay rebuilds into (schema {@code replay}) are the projections' twins: the same tables,
 * columns in the same order with the same types, nullability and defaults, and the same primary keys (the switch
 * compares rows by them and copies them column by column), so a migration that changes a projection table and not its
 * shadow fails here. Of the other indexes a shadow keeps only those the rebuild's handlers look rows up by — the
 * entities' (a merge rewrites an entity's members by canonical id) — and none of the readers' (V15): the rebuild
 * would maintain them for nobody. The dead-letter queue's shadow keeps its unique key: the queue looks a sequence up
 * by it before each event a rebuild hands on.
 */
class ReplaySchemaTest {

    /**
     * Every table the entities, articles and claims projections write (their reset handlers empty these), and the
     * dead-letter queue of those projections (V24), which a replay rebuilds with them.
     */
    private static final List<String> PROJECTION_TABLES = List.of("article_view", "claim_corroboration",
            "claim_dispute", "claim_retraction", "claim_review", "claim_subject", "claim_view", "claim_word",
            "claim_wording", "dead_letter_entry", "entity_name", "entity_view");

    @Test
    void everyProjectionTableHasAnIdenticalShadow(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("ledger");
        Flyway.configure().dataSource(url, "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));

        assertThat(ShadowTables.of(jdbc).tables()).containsExactlyElementsOf(PROJECTION_TABLES);
        assertThat(columns(jdbc, "REPLAY")).isEqualTo(columns(jdbc, "PUBLIC"));
        assertThat(indexes(jdbc, "REPLAY")).isEqualTo(indexes(jdbc, "PUBLIC").stream()
                .filter(index -> index.contains(" PRIMARY KEY ") || index.startsWith("ENTITY_")
                        || index.startsWith("DEAD_LETTER_ENTRY UNIQUE INDEX ")).toList())
                .anyMatch(index -> index.startsWith("CLAIM_WORD PRIMARY KEY"))
                .noneMatch(index -> index.startsWith("CLAIM_WORD INDEX"));
    }

    private static List<String> columns(JdbcTemplate jdbc, String schema) {
        return jdbc.query("""
                select table_name, ordinal_position, column_name, data_type, character_maximum_length, is_nullable,
                       column_default
                from information_schema.columns where table_schema = ? and lower(table_name) in (%s)
                order by table_name, ordinal_position""".formatted(inList()),
                (rs, n) -> String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        String.valueOf(rs.getObject(5)), rs.getString(6), String.valueOf(rs.getString(7))), schema);
    }

    private static List<String> indexes(JdbcTemplate jdbc, String schema) {
        return jdbc.query("""
                select i.table_name, i.index_type_name, c.ordinal_position, c.column_name
                from information_schema.indexes i join information_schema.index_columns c
                  on c.index_schema = i.index_schema and c.index_name = i.index_name
                where i.table_schema = ? and lower(i.table_name) in (%s)
                order by i.table_name, i.index_type_name, c.column_name, c.ordinal_position""".formatted(inList()),
                (rs, n) -> String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                schema);
    }

    private static String inList() {
        return String.join(", ", PROJECTION_TABLES.stream().map(table -> "'" + table + "'").toList());
    }
}
