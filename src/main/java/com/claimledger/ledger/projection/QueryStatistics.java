package com.claimledger.ledger.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The statements H2 ran while some work ran, each with how often it ran and the rows it answered: H2's query
 * statistics ({@code SET QUERY_STATISTICS}), emptied before the work and turned off after it. They are the
 * database's, not a session's — whatever else runs meanwhile counts too — and H2's only (PostgreSQL's like is an
 * extension). What the benchmark harness counts a read asks of the database, and what the tests of a read's cost pin.
 */
public final class QueryStatistics {

    /** The statistics' own statements, the sessions' settings, and the database's name as the driver asks it. */
    private static final Pattern OWN = Pattern.compile("query_statistics|^set |^call database\\(\\)",
            Pattern.CASE_INSENSITIVE);

    /** A statement as H2 was given it, how often it ran, and the rows it answered, summed over its runs. */
    public record Statement(String sql, long executions, long rows) {
    }

    private QueryStatistics() {
    }

    /** The statements {@code work} ran (and anything else meanwhile), in no particular order. */
    public static List<Statement> during(JdbcTemplate jdbc, Runnable work) {
        // Turned off and on: on again, H2 begins its statistics empty.
        jdbc.execute("set query_statistics false");
        jdbc.execute("set query_statistics_max_entries 10000");
        jdbc.execute("set query_statistics true");
        try {
            work.run();
            return jdbc.query("select sql_statement, execution_count, cumulative_row_count"
                            + " from information_schema.query_statistics",
                    (rs, n) -> new Statement(rs.getString(1), rs.getLong(2), rs.getLong(3))).stream()
                    .filter(statement -> !OWN.matcher(statement.sql()).find()).toList();
        } finally {
            jdbc.execute("set query_statistics false");
        }
    }
}
