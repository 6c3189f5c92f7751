package com.claimledger.bench;

import com.claimledger.ledger.projection.QueryStatistics;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a read asks of the database, a request: the SQL statements it runs and the rows they answer, counted by H2's
 * query statistics over a fixed series of requests sent one at a time. Unlike a rate or a p99 it does not move with
 * the machine (runs of the same code on the same corpus give the same counts), so it shows whether a read's work
 * follows the ledger's size or its answer when the timings at 10^6 are within this machine's own spread
 * (docs/benchmarks.md, thirty-sixth round). It counts what the statements <em>answer</em>, not the index entries H2
 * steps over to find them: H2 keeps no such count.
 *
 * <p>H2's statistics are the database's, not a session's: the node's own background statements (the processors'
 * polling of the event store and their tokens, the replay's watch, the ledger's tail to its stream) are left out by the tables they
 * name, and so are the statistics' own statements.
 */
final class DatabaseWork {

    /** How many requests of each read are counted: the same parameters, in the same order, in every run. */
    static final int REQUESTS = 100;

    /** Statements of the node's background work, by what they name. */
    private static final Pattern BACKGROUND = Pattern.compile(
            "token_entry|domain_event_entry|snapshot_event_entry|dead_letter|replay_lease|leaf_hash from ledger_entry",
            Pattern.CASE_INSENSITIVE);

    /** One statement's share: how often a request ran it, and the rows it answered a request. */
    record Statement(String sql, double executions, double rows) {
    }

    /** What {@code requests} requests of one read asked, a request; the statements most run first. */
    record Asked(int requests, double statements, double rows, List<Statement> bySql) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f statements, %.1f rows a request (%d requests, one client)",
                    statements, rows, requests);
        }
    }

    private final JdbcTemplate jdbc;

    DatabaseWork(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts what {@code send} asks of the database ({@link QueryStatistics}), the background left out. */
    Asked count(int requests, Runnable send) {
        List<Statement> statements = new ArrayList<>();
        for (QueryStatistics.Statement ran : QueryStatistics.during(jdbc, send)) {
            String sql = ran.sql().strip().replaceAll("\\s+", " ");
            if (!BACKGROUND.matcher(sql).find()) {
                statements.add(new Statement(sql, (double) ran.executions() / requests, (double) ran.rows() / requests));
            }
        }
        statements.sort(Comparator.comparingDouble(Statement::executions).reversed()
                .thenComparing(Comparator.comparingDouble(Statement::rows).reversed()));
        return new Asked(requests, statements.stream().mapToDouble(Statement::executions).sum(),
                statements.stream().mapToDouble(Statement::rows).sum(), List.copyOf(statements));
    }
}
