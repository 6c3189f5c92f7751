package com.claimledger.ledger.config;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.ledger.projection.QueryStatistics;
import com.claimledger.support.TestDatabase;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the ledger from a token with gaps (a write that commits after a later-numbered one leaves one, and every
 * token a replay hands over may hold some): the events filling the gaps come first, then those after the token, in
 * order, batch by batch, as Axon's own query returns them — and never through the disjunction
 * {@code global_index > ? or global_index in (…)}, for which H2 uses no index and walked every event of the ledger on
 * each fetch ({@link DetachingJpaEventStorageEngine#fetchEvents}).
 */
class GapTokenFetchTest {

    @TempDir
    static Path dataDir;
    static ConfigurableApplicationContext app;
    static EventStorageEngine engine;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        // The seed's dossier gives the ledger its events (some ninety).
        app = new SpringApplicationBuilder(ClaimLedgerApplication.class).run(TestDatabase.args(
                "--ledger.data-dir=" + dataDir, "--server.port=0"));
        engine = app.getBean(EventStorageEngine.class);
        jdbc = app.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** The stored positions of the events read (a token's position stays at its index while gaps are filled). */
    private static List<Long> positions(EventStorageEngine reader, GapAwareTrackingToken token) {
        Map<String, Long> stored = new HashMap<>();
        jdbc.query("select event_identifier, global_index from domain_event_entry",
                (ResultSet row) -> {
                    stored.put(row.getString(1), row.getLong(2));
                });
        try (Stream<? extends TrackedEventMessage<?>> events = reader.readEvents(token, false)) {
            return events.map(event -> stored.get(event.getIdentifier())).toList();
        }
    }

    private static EventStorageEngine smallBatches() {
        Configuration axon = app.getBean(Configuration.class);
        return new DetachingJpaEventStorageEngine(JpaEventStorageEngine.builder()
                .snapshotSerializer(axon.serializer()).eventSerializer(axon.eventSerializer())
                .upcasterChain(axon.upcasterChain())
                .entityManagerProvider(app.getBean(EntityManagerProvider.class))
                .transactionManager(app.getBean(TransactionManager.class)).batchSize(7),
                app.getBean(EntityManagerProvider.class), app.getBean(TransactionManager.class));
    }

    @Test
    void aTokenWithGapsReadsTheEventsFillingThemThenThoseAfterItInOrder() {
        List<Long> stored = jdbc.queryForList("select global_index from domain_event_entry order by global_index",
                Long.class);
        assertThat(stored).hasSizeGreaterThan(60);
        // The token stands at the 50th event; every third event before it is a gap, and so is a position that holds
        // no event at all (a gap can stay empty: a write that rolled back).
        long index = stored.get(49);
        TreeSet<Long> gaps = new TreeSet<>();
        for (int i = 0; i < 49; i += 3) {
            gaps.add(stored.get(i));
        }
        gaps.add(index - 1);
        gaps.add(0L);
        List<Long> expected = new ArrayList<>(gaps.stream().filter(stored::contains).toList());
        stored.stream().filter(position -> position > index).forEach(expected::add);

        // The ledger's reader (batches of 100: one batch) and one reading batches of 7 (gaps and what follows them
        // spread over several batches, a batch ending among the gaps and one starting after them).
        Runnable reads = () -> {
            assertThat(positions(engine, GapAwareTrackingToken.newInstance(index, gaps)))
                    .containsExactlyElementsOf(expected);
            assertThat(positions(smallBatches(), GapAwareTrackingToken.newInstance(index, gaps)))
                    .containsExactlyElementsOf(expected);
        };
        if (TestDatabase.postgres()) {
            reads.run();
            return;
        }
        List<String> fetches = QueryStatistics.during(jdbc, reads).stream()
                .map(statement -> statement.sql().toLowerCase(Locale.ROOT))
                .filter(sql -> sql.contains("from domain_event_entry") && sql.contains("order by")).toList();
        assertThat(fetches).as("the reader's queries").isNotEmpty()
                .anySatisfy(sql -> assertThat(sql).contains(" in ("))
                .allSatisfy(sql -> assertThat(sql).doesNotContain(" or "));
    }
}
