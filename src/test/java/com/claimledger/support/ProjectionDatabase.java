package com.claimledger.support;

import com.claimledger.ledger.projection.QueryStatistics;
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

    /** A fresh file database in {@code dir} with the ledger's schema: where H2's file, its channel and store, matter. */
    public static ProjectionDatabase inFile(java.nio.file.Path dir) {
        JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:file:" + dir.toAbsolutePath().resolve("ledger") + ";WRITE_DELAY=0", "sa", ""));
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
            List<String> script = new java.util.ArrayList<>(jdbc.queryForList("script nodata", String.class).stream()
                    .filter(statement -> !statement.startsWith("CREATE USER")).toList());
            // The rows a projection needs from its migrations: its generation (V29).
            jdbc.queryForList("select projection, generation from projection_generation").forEach(row -> script.add(
                    "insert into projection_generation (projection, generation) values ('" + row.get("PROJECTION")
                            + "', " + row.get("GENERATION") + ")"));
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

    /** The statements a read ran, as H2 was given them, and their rows (H2's query statistics, on for the read only). */
    public List<QueryStatistics.Statement> statementsRun(Runnable read) {
        return QueryStatistics.during(jdbc.getJdbcTemplate(), read);
    }

    /** Drops the in-memory database (it would otherwise live as long as the JVM); closes a file database. */
    @Override
    public void close() {
        jdbc.getJdbcTemplate().execute("shutdown");
    }
}
