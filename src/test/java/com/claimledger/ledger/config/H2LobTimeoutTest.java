package com.claimledger.ledger.config;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.PropertyPlaceholderHelper;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 copies each stored BLOB a query returns — every event's payload in the event store — to a temporary LOB of the
 * session and keeps it until a commit of that session finds it older than {@code LOB_TIMEOUT}: 5 minutes by default.
 * At a replay's pace that held 1.7 million of them, ~200 MiB of a 512 MiB heap (docs/benchmarks.md, eleventh round).
 * The shipped URL sets a short timeout; this shows that H2 takes it and that it lets them go.
 */
class H2LobTimeoutTest {

    @Test
    void theShippedUrlSetsAShortLobTimeout(@TempDir Path dir) throws SQLException {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties shipped = yaml.getObject();
        shipped.setProperty("ledger.data-dir", dir.toString());
        String url = new PropertyPlaceholderHelper("${", "}", ":", true)
                .replacePlaceholders(shipped.getProperty("spring.datasource.url"), shipped);

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement sql = connection.createStatement();
             ResultSet setting = sql.executeQuery(
                     "select setting_value from information_schema.settings where setting_name = 'LOB_TIMEOUT'")) {
            assertThat(setting.next()).isTrue();
            assertThat(Integer.parseInt(setting.getString(1))).as("LOB_TIMEOUT in ms").isBetween(1_000, 60_000);
        }
    }

    @Test
    void readBlobsAreLetGoAtTheFirstCommitAfterTheTimeoutNotFiveMinutesLater(@TempDir Path dir) throws Exception {
        assertThat(heldAfterReadingAndWaiting(dir.resolve("short"), ";LOB_TIMEOUT=200")).isZero();
        assertThat(heldAfterReadingAndWaiting(dir.resolve("default"), "")).as("H2's default keeps them").isEqualTo(300);
    }

    /** 300 payloads of 2 KB (stored out of the row) read as the event store's readers read them; held after 400 ms. */
    private static int heldAfterReadingAndWaiting(Path dir, String setting) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("ledger") + setting;
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement sql = connection.createStatement()) {
            sql.execute("create table event (id bigint primary key, payload blob not null)");
            try (PreparedStatement insert = connection.prepareStatement("insert into event values (?, ?)")) {
                for (int i = 0; i < 300; i++) {
                    insert.setLong(1, i);
                    insert.setBytes(2, ("{\"claim\":" + i + "}" + " ".repeat(2000)).getBytes());
                    insert.executeUpdate();
                }
            }
            int read = 0;
            try (ResultSet rows = sql.executeQuery("select payload from event order by id")) {
                while (rows.next()) {
                    assertThat(rows.getBytes(1)).hasSizeGreaterThan(2000);
                    read++;
                }
            }
            assertThat(read).isEqualTo(300);
            assertThat(held(connection)).as("held right after the read").isEqualTo(300);
            Thread.sleep(400);
            try (ResultSet rows = sql.executeQuery("select count(*) from event")) {
                rows.next();
            }
            return held(connection);
        }
    }

    /** The session's temporary copies of returned LOBs (H2 keeps them in a private list; no public view of it). */
    static int held(Connection connection) throws Exception {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        var field = SessionLocal.class.getDeclaredField("temporaryResultLobs");
        field.setAccessible(true);
        Collection<?> lobs = (Collection<?>) field.get(session);
        return lobs == null ? 0 : lobs.size();
    }
}
