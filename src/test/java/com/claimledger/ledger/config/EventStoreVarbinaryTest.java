package com.claimledger.ledger.config;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Axon's serialized columns on H2 are varbinary (V23), bound as bytes by {@link VarbinaryH2Dialect}: the bytes of an
 * event are in its row, and reading them makes no temporary LOB (as BLOBs, H2 copied every payload a query returned
 * into one; docs/benchmarks.md, twelfth round). A ledger made before V23 keeps every byte, its constraints and its
 * append-only guard.
 */
class EventStoreVarbinaryTest {

    private static final List<String> SERIALIZED = List.of("DEAD_LETTER_ENTRY.DIAGNOSTICS",
            "DEAD_LETTER_ENTRY.META_DATA", "DEAD_LETTER_ENTRY.PAYLOAD", "DEAD_LETTER_ENTRY.TOKEN",
            "DOMAIN_EVENT_ENTRY.META_DATA", "DOMAIN_EVENT_ENTRY.PAYLOAD", "SAGA_ENTRY.SERIALIZED_SAGA",
            "SNAPSHOT_EVENT_ENTRY.META_DATA", "SNAPSHOT_EVENT_ENTRY.PAYLOAD", "TOKEN_ENTRY.TOKEN");

    @Test
    void aLedgerMadeWithBlobsKeepsEveryByteItsConstraintsAndItsGuardAsVarbinary(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("ledger");
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(new SingleConnectionDataSource(connection, true));
            migrate(url, MigrationVersion.fromVersion("22"));
            assertThat(types(jdbc)).containsOnly("BINARY LARGE OBJECT");
            for (int i = 0; i < 3; i++) {
                append(jdbc, i);
            }

            migrate(url, MigrationVersion.LATEST);

            assertThat(types(jdbc)).hasSize(SERIALIZED.size()).containsOnly("BINARY VARYING");
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "select global_index, payload, meta_data from domain_event_entry order by global_index", Map.of());
            assertThat(rows).hasSize(3);
            for (Map<String, Object> row : rows) {
                int i = ((Number) row.get("GLOBAL_INDEX")).intValue();
                assertThat((byte[]) row.get("PAYLOAD")).isEqualTo(payload(i));
                assertThat((byte[]) row.get("META_DATA")).isEqualTo(metaData(i));
            }
            assertThat(jdbc.queryForObject("select is_nullable from information_schema.columns"
                    + " where table_name = 'DOMAIN_EVENT_ENTRY' and column_name = 'PAYLOAD'", Map.of(), String.class))
                    .isEqualTo("NO");
            assertThatThrownBy(() -> append(jdbc, 1)).as("the event id is still unique")
                    .isInstanceOf(DataAccessException.class);
            assertThatThrownBy(() -> jdbc.update("update domain_event_entry set payload = :bytes where global_index = 0",
                    Map.of("bytes", new byte[] {1}))).as("stored events are still append-only")
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbc.update("delete from domain_event_entry", Map.of()))
                    .hasMessageContaining("append-only");
            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Map.of(), Long.class)).isEqualTo(3);
        }
    }

    @Test
    void readingStoredEventsLeavesNoTemporaryLobEvenWithH2sDefaultTimeout(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("ledger");
        migrate(url, MigrationVersion.LATEST);
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(new SingleConnectionDataSource(connection, true));
            for (int i = 0; i < 300; i++) {
                append(jdbc, i);
            }
            List<byte[]> read = jdbc.query("select payload from domain_event_entry order by global_index", Map.of(),
                    (rs, n) -> rs.getBytes(1));
            assertThat(read).hasSize(300).allSatisfy(bytes -> assertThat(bytes).hasSizeGreaterThan(2000));
            assertThat(H2LobTimeoutTest.held(connection)).isZero();
        }
    }

    private static void migrate(String url, MigrationVersion target) {
        Flyway.configure().dataSource(url, "sa", "").target(target)
                .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
    }

    private static List<String> types(NamedParameterJdbcTemplate jdbc) {
        return jdbc.query("select table_name || '.' || column_name as name, data_type from information_schema.columns"
                        + " where table_schema = 'PUBLIC' and table_name || '.' || column_name in (:columns)",
                Map.of("columns", SERIALIZED), (rs, n) -> rs.getString("data_type"));
    }

    private static void append(NamedParameterJdbcTemplate jdbc, int i) {
        jdbc.update("""
                insert into domain_event_entry (global_index, sequence_number, aggregate_identifier, event_identifier,
                  payload_type, time_stamp, type, meta_data, payload)
                values (:index, 0, :aggregate, :event, 'ClaimRecorded', '2026-07-01T00:00:00Z', 'Claim', :meta, :payload)""",
                new MapSqlParameterSource().addValue("index", i).addValue("aggregate", "claim-" + i)
                        .addValue("event", "event-" + i).addValue("meta", metaData(i)).addValue("payload", payload(i)));
    }

    /** Over 2 KB: as a BLOB, H2 kept it out of the row (in place only up to 256 bytes). */
    private static byte[] payload(int i) {
        return ("{\"claim\":" + i + ",\"wording\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] metaData(int i) {
        return ("{\"traceId\":\"t-" + i + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
