package com.claimledger.support;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.util.List;
import java.util.UUID;

/**
 * A fresh in-memory H2 database with the ledger's schema, for testing the projections without a Spring context.
 * The schema is built once per test run by Flyway from the real migrations (common and h2); every fresh database is
 * then created from H2's script of that schema, which takes a fraction of a Flyway run. The Java migration of version
 * 8 (the Merkle tree backfill, a Spring bean) is not on Flyway's locations: it only fills the tree of an existing
 * ledger and creates no table.
 */
public final class ProjectionDatabase implements AutoCloseable {

    private final NamedParameterJdbcTemplate jdbc;

    private ProjectionDatabase(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static ProjectionDatabase fresh() {
        JdbcTemplate jdbc = new JdbcTemplate(inMemory());
        Schema.STATEMENTS.forEach(jdbc::execute);
        return new ProjectionDatabase(new NamedParameterJdbcTemplate(jdbc));
    }

    private static SimpleDriverDataSource inMemory() {
        return new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:projection-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** The schema the migrations build, as H2's DDL script; made on first use. */
    private static final class Schema {

        static final List<String> STATEMENTS = migrated();

        private static List<String> migrated() {
            var template = inMemory();
            Flyway.configure().dataSource(template)
                    .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                    .load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(template);
            List<String> script = jdbc.queryForList("script nodata", String.class).stream()
                    .filter(statement -> !statement.startsWith("CREATE USER")).toList();
            jdbc.execute("shutdown");
            return script;
        }
    }

    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    /** The number of rows in a table. */
    public long count(String table) {
        return jdbc.getJdbcTemplate().queryForObject("select count(*) from " + table, Long.class);
    }

    /** A statement H2 ran, how often, and the rows it handed over, summed over its runs (its query statistics). */
    public record Statement(String sql, long executions, long rows) {
    }

    /** The statements a read ran, as H2 was given them, and their rows (H2's query statistics, on for the read only). */
    public List<Statement> statementsRun(Runnable read) {
        return statementsRun(jdbc.getJdbcTemplate(), read);
    }

    /** The same on any H2 database (its statistics are the database's: what else runs meanwhile counts too). */
    public static List<Statement> statementsRun(JdbcTemplate template, Runnable read) {
        template.execute("set query_statistics_max_entries 10000");
        template.execute("set query_statistics true");
        try {
            read.run();
            return template.query("select sql_statement, execution_count, cumulative_row_count"
                            + " from information_schema.query_statistics",
                    (rs, n) -> new Statement(rs.getString(1), rs.getLong(2), rs.getLong(3))).stream()
                    // H2's and the driver's own: the statistics' switches, the database's name (asked by Spring)
                    .filter(statement -> !statement.sql().contains("query_statistics")
                            && !statement.sql().startsWith("SET ") && !statement.sql().equals("CALL DATABASE()"))
                    .toList();
        } finally {
            template.execute("set query_statistics false");
        }
    }

    /** Drops the in-memory database (it would otherwise live as long as the JVM). */
    @Override
    public void close() {
        jdbc.getJdbcTemplate().execute("shutdown");
    }
}
