package com.claimledger.bench;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The anchor: the same rebuild of every projection with Axon's default processor settings — a tracking processor per
 * projection, batch size 1 (one transaction per event), one thread per segment — started by Axon's own {@code resetTokens}
 * (which runs the projections' reset handlers) on projection tables emptied beforehand, untimed, and timed until every
 * processor has reached the head of the store.
 */
final class Anchor {

    /** The projections' processing groups (application.yml). */
    static final List<String> PROJECTIONS = List.of("entities", "articles", "claims");

    /** The settings that make the node's projections Axon-default tracking processors. */
    static List<String> settings() {
        return PROJECTIONS.stream().flatMap(name -> java.util.stream.Stream.of(
                "--axon.eventhandling.processors." + name + ".mode=tracking",
                "--axon.eventhandling.processors." + name + ".batch-size=1")).toList();
    }

    /** {@code caughtUp}: all processors reached the head; otherwise {@code position} is the slowest one's. */
    record Result(long events, double seconds, long position, boolean caughtUp) {
        double perSecond() {
            return (caughtUp ? events : position) / seconds;
        }
    }

    private Anchor() {
    }

    static Result rebuild(Node node, long events, long timeoutSeconds) throws InterruptedException {
        EventProcessingConfiguration processing = node.context.getBean(EventProcessingConfiguration.class);
        // The head is the last stored index: a replay token keeps "replaying" until an event past its reset point
        // arrives (none will here), so reaching the head is the test, not the replay flag.
        Long last = node.context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        long head = last == null ? 0 : last;
        List<TrackingEventProcessor> processors = PROJECTIONS.stream().map(name -> processing
                .eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("processor " + name + " is not a tracking processor")))
                .toList();
        processors.forEach(TrackingEventProcessor::shutDown);
        // Emptied first, untimed: the reset handlers' "delete from" of every row in one transaction is H2's slowest
        // case (at 10^6 entries its commit had not ended after 15 minutes, walking an undo log of ~3 x 10^7 rows),
        // which is neither Axon's processing nor what the ledger's own replay does (shadow tables, truncate). The
        // handlers then run on empty tables. The anchor measures the rebuild with Axon's default processor settings.
        try (Connection connection = node.context.getBean(DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : Limits.projectionTables(connection)) {
                statement.execute("truncate table public." + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the projections' tables for the anchor", e);
        }
        long started = System.nanoTime();
        processors.forEach(TrackingEventProcessor::resetTokens);
        processors.forEach(TrackingEventProcessor::start);
        long deadline = started + timeoutSeconds * 1_000_000_000L;
        long slowest = 0;
        while (System.nanoTime() < deadline) {
            slowest = Long.MAX_VALUE;
            boolean done = true;
            for (TrackingEventProcessor processor : processors) {
                Map<Integer, EventTrackerStatus> status = processor.processingStatus();
                long position = status.values().stream()
                        .mapToLong(s -> s.getCurrentPosition().orElse(0)).min().orElse(0);
                slowest = Math.min(slowest, position);
                done &= !status.isEmpty() && position >= head;
            }
            if (done) {
                return new Result(events, (System.nanoTime() - started) / 1e9, head, true);
            }
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        processors.forEach(TrackingEventProcessor::shutDown);
        return new Result(events, seconds, slowest, false);
    }
}
