package com.claimledger.ledger.config;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.ledger.projection.QueryStatistics;
import com.claimledger.support.TestDatabase;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
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
import java.time.Clock;
import java.time.Duration;
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

    private static JpaEventStorageEngine.Builder builder() {
        Configuration axon = app.getBean(Configuration.class);
        return JpaEventStorageEngine.builder()
                .snapshotSerializer(axon.serializer()).eventSerializer(axon.eventSerializer())
                .upcasterChain(axon.upcasterChain())
                .entityManagerProvider(app.getBean(EntityManagerProvider.class))
                .transactionManager(app.getBean(TransactionManager.class));
    }

    private static EventStorageEngine smallBatches() {
        return smallBatches(app.getBean(Clock.class));
    }

    /** The ledger's reader in batches of 7, its "now" from {@code clock}. */
    private static EventStorageEngine smallBatches(Clock clock) {
        return new DetachingJpaEventStorageEngine(builder().batchSize(7),
                app.getBean(EntityManagerProvider.class), app.getBean(TransactionManager.class), clock);
    }

    /** The ledger's reader as the node builds it (batches of Axon's default size), its "now" from {@code clock}. */
    private static EventStorageEngine ledgers(Clock clock) {
        return new DetachingJpaEventStorageEngine(builder(), app.getBean(EntityManagerProvider.class),
                app.getBean(TransactionManager.class), clock);
    }

    /**
     * What a reader gives after {@code token}: each event's token (its index and every gap it holds: a token's equality
     * overlooks gaps it has truncated), identifier, timestamp and payload.
     */
    private static List<List<Object>> read(EventStorageEngine reader, GapAwareTrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> events = reader.readEvents(token, false)) {
            return events.map(event -> {
                GapAwareTrackingToken at = (GapAwareTrackingToken) event.trackingToken();
                return List.<Object>of(at.getIndex(), List.copyOf(at.getGaps()), event.getIdentifier(),
                        event.getTimestamp(), event.getPayload());
            }).toList();
        }
    }

    /**
     * The ledger's reader gives what Axon's own JPA store gives — the same tokens (gaps opened, filled, timed out,
     * cleaned), the same events with the same timestamps — though it parses each timestamp once, from its digits
     * ({@link DetachingJpaEventStorageEngine#fetchTrackedEvents}): from the start, from a token without gaps, from
     * one with a few gaps and from one with more than Axon cleans (250), with the events recent and with them older
     * than the gap timeout (a minute).
     */
    @Test
    void eventsAfterAnyTokenComeAsFromAxonsOwnStoreWithTheSameTokensAndTimestamps() {
        List<Long> stored = jdbc.queryForList("select global_index from domain_event_entry order by global_index",
                Long.class);
        long index = stored.get(49);
        TreeSet<Long> few = new TreeSet<>(List.of(stored.get(3), stored.get(20), index - 1));
        // and one gap no event will fill (a write that rolled back): kept while the events are recent, dropped after
        TreeSet<Long> unfilled = new TreeSet<>(few);
        unfilled.add(stored.get(0) - 1);
        // More gaps than Axon keeps without cleaning (250), none of them an event's position: once the events are
        // older than the gap timeout, the cleaning drops them all before the next batch is read.
        TreeSet<Long> many = new TreeSet<>();
        for (long gap = stored.get(0) - 400; gap < stored.get(0); gap++) {
            many.add(gap);
        }
        assertThat(engine).as("the node's reader").isInstanceOf(DetachingJpaEventStorageEngine.class);
        EventStorageEngine axons = builder().build();
        Clock clock = GenericEventMessage.clock;
        try {
            for (Duration later : List.of(Duration.ZERO, Duration.ofMinutes(5))) {
                // Axon's engine reads "now" from its global clock, the ledger's from the ledger's clock: both moved on.
                GenericEventMessage.clock = Clock.offset(clock, later);
                Clock ledgerClock = Clock.offset(app.getBean(Clock.class), later);
                EventStorageEngine ledger = ledgers(ledgerClock);
                for (GapAwareTrackingToken token : java.util.Arrays.asList(null,
                        GapAwareTrackingToken.newInstance(stored.get(9), new TreeSet<>()),
                        GapAwareTrackingToken.newInstance(index, few), GapAwareTrackingToken.newInstance(index, unfilled),
                        GapAwareTrackingToken.newInstance(index, many))) {
                    List<List<Object>> expected = read(axons, token);
                    assertThat(expected).as("events after %s", token).isNotEmpty();
                    assertThat(read(ledger, token)).as("after %s, %s later", token, later)
                            .containsExactlyElementsOf(expected);
                    assertThat(read(smallBatches(ledgerClock), token)).as("in batches of 7 after %s, %s later", token,
                            later).containsExactlyElementsOf(expected);
                }
                if (!TestDatabase.postgres() && !later.isZero()) {
                    GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(index, many);
                    List<String> reads = QueryStatistics.during(jdbc, () -> read(ledger, token)).stream()
                            .map(statement -> statement.sql().toLowerCase(Locale.ROOT))
                            .filter(sql -> sql.contains("from domain_event_entry")).toList();
                    assertThat(reads).as("the gaps looked up by their events' times, then no gap asked for")
                            .anySatisfy(sql -> assertThat(sql).contains("time_stamp").doesNotContain("payload"))
                            .noneSatisfy(sql -> assertThat(sql).contains(" in ("));
                }
            }
        } finally {
            GenericEventMessage.clock = clock;
        }
    }

    /** The stored events' instants (Axon's event serializer) and the API's are read by {@link StoredInstants}. */
    @Test
    void instantsInJsonAreReadByTheLedgersReader() throws Exception {
        var events = ((org.axonframework.serialization.json.JacksonSerializer) app.getBean(Configuration.class)
                .eventSerializer()).getObjectMapper();
        for (var mapper : List.of(events, app.getBean(com.fasterxml.jackson.databind.ObjectMapper.class))) {
            var context = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext) mapper
                    .getDeserializationContext()).createInstance(mapper.getDeserializationConfig(), null, null);
            assertThat(context.findRootValueDeserializer(mapper.constructType(java.time.Instant.class)))
                    .isInstanceOf(StoredInstants.class);
        }
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
