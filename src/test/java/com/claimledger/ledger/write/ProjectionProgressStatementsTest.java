package com.claimledger.ledger.write;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.TestDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.serialization.Serializer;
import org.h2.command.Command;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A write's wait for its projections ({@link ProjectionProgress#await}) runs on every write: each statement it sends is
 * one H2 keeps parsed in the connection's statement cache. H2 keeps no {@code union} there (its {@code SelectUnion}
 * is not cacheable), so the one union this wait once sent was parsed and planned anew on every write — 4% of a single
 * write's HTTP thread at 10^6 entries (docs/benchmarks.md, twentieth round).
 */
class ProjectionProgressStatementsTest {

    @TempDir
    static Path dataDir;
    static ConfigurableApplicationContext app;
    static DataSource dataSource;

    @BeforeAll
    static void start() {
        assumeFalse(TestDatabase.postgres(), "H2's statement cache");
        // The seed's dossier gives the ledger its events.
        app = new SpringApplicationBuilder(ClaimLedgerApplication.class).run(TestDatabase.args(
                "--ledger.data-dir=" + dataDir, "--server.port=0"));
        dataSource = app.getBean(DataSource.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyStatementOfAWritesWaitIsOneH2KeepsParsed() throws SQLException {
        // given the seed's stored events, and a wait whose statements are recorded as they are prepared
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> events = jdbc.queryForList("select event_identifier from domain_event_entry order by global_index"
                + " limit 2", String.class);
        String aggregate = jdbc.queryForObject("select aggregate_identifier from domain_event_entry"
                + " where aggregate_identifier is not null order by global_index limit 1", String.class);
        List<String> prepared = new CopyOnWriteArrayList<>();
        ProjectionProgress progress = new ProjectionProgress(new NamedParameterJdbcTemplate(recording(prepared)),
                app.getBean(EventProcessingConfiguration.class), app.getBean("serializer", Serializer.class),
                Duration.ofSeconds(10));

        // when a write waits for its events and its aggregate's
        assertThat(progress.await(events, List.of(aggregate))).isTrue();

        // then it asked the event store, and H2 kept every statement it sent
        assertThat(prepared).anyMatch(sql -> sql.contains("domain_event_entry"));
        for (String sql : prepared) {
            assertThat(keptParsed(sql)).as(sql).isTrue();
        }
    }

    @Test
    void h2ParsesAUnionAnewOnEveryCall() throws SQLException {
        // The reason for the test above: should H2 begin to keep unions, this fails and the two statements may merge.
        assertThat(keptParsed("select global_index from domain_event_entry where event_identifier in (?)"
                + " union select global_index from domain_event_entry where aggregate_identifier in (?)")).isFalse();
        assertThat(keptParsed("select global_index from domain_event_entry where event_identifier in (?)")).isTrue();
    }

    /** Whether H2 hands out the same parsed statement for this text twice on one connection (its statement cache). */
    private static boolean keptParsed(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            Command first = session.prepareLocal(sql);
            first.close();
            Command second = session.prepareLocal(sql);
            second.close();
            return first == second;
        }
    }

    /** The data source, recording the text of every statement prepared through it. */
    private static DataSource recording(List<String> prepared) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                                prepared.add(sql);
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}
