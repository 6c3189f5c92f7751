package com.claimledger.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the machine can do with the same data and no application in between: the limits the figures are held against. */
final class Limits {

    record RawRead(long events, double seconds, long typedPayloads) {
        double perSecond() {
            return events / seconds;
        }
    }

    /**
     * The raw insert of every row of the ledger; {@code projection…}: the part that went into the projections' tables
     * (what a replay produces; it writes all of them but the search's word index, which its switch derives).
     */
    record RawInsert(long rows, int tables, double seconds, long events, long projectionRows, double projectionSeconds) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private static final int BATCH = 1000;

    private Limits() {
    }

    /**
     * Every stored event read in order, its payload deserialised by Jackson into its event class (as a replay must)
     * and its metadata into a tree: the floor under any replay of this store.
     */
    static RawRead readEvents(DataSource dataSource) throws SQLException, IOException {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        Map<String, Class<?>> classes = new HashMap<>();
        long events = 0;
        long typed = 0;
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setFetchSize(BATCH);
            try (ResultSet rows = statement.executeQuery(
                    "select payload_type, payload, meta_data from domain_event_entry order by global_index")) {
                while (rows.next()) {
                    Class<?> type = classes.computeIfAbsent(rows.getString(1), Limits::classOrNull);
                    byte[] payload = rows.getBytes(2);
                    if (type != null) {
                        json.readValue(payload, type);
                        typed++;
                    } else {
                        json.readTree(payload);
                    }
                    byte[] meta = rows.getBytes(3);
                    if (meta != null) {
                        json.readTree(meta);
                    }
                    events++;
                }
            }
        }
        return new RawRead(events, (System.nanoTime() - started) / 1e9, typed);
    }

    private static Class<?> classOrNull(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /**
     * Copies every row of a stopped ledger into a fresh database of its kind (H2 file, or the empty PostgreSQL database
 * given for it) with the same schema (the application's
     * Flyway migrations, triggers included) by JDBC batch inserts of {@value #BATCH} rows, each batch committed, with
     * the application's durability setting ({@code WRITE_DELAY=0}). Only the inserts and commits are timed: reading
     * the source is not part of the limit. JDBC's own placeholders, no Spring: this is the floor.
     */
    static RawInsert copyLedger(Store store, Path sourceDataDir, Path targetDir) throws SQLException {
        String target = store.targetUrl(targetDir);
        Flyway.configure().dataSource(target, store.user(), store.password())
                .locations("classpath:db/migration/common", "classpath:db/migration/" + store.vendor()).load().migrate();
        String source = store.sourceUrl(sourceDataDir);
        long rows = 0;
        long nanos = 0;
        long projectionRows = 0;
        long projectionNanos = 0;
        long events = 0;
        int tables = 0;
        try (Connection from = DriverManager.getConnection(source, store.user(), store.password());
             Connection to = DriverManager.getConnection(target, store.user(), store.password())) {
            to.setAutoCommit(false);
            // PostgreSQL streams a result by the fetch size only inside a transaction; otherwise it reads it whole.
            from.setAutoCommit(false);
            java.util.Set<String> projections = new java.util.HashSet<>(projectionTables(from));
            for (String table : tables(from)) {
                long rowsBefore = rows;
                long nanosBefore = nanos;
                try (Statement clear = to.createStatement()) {
                    // Rows a migration inserts (the ledger counter) come from the source instead.
                    clear.executeUpdate("delete from " + table);
                }
                to.commit();
                try (Statement read = from.createStatement()) {
                    read.setFetchSize(BATCH);
                    try (ResultSet source_rows = read.executeQuery("select * from " + table)) {
                        ResultSetMetaData meta = source_rows.getMetaData();
                        int columns = meta.getColumnCount();
                        List<String> names = new ArrayList<>();
                        for (int c = 1; c <= columns; c++) {
                            names.add(meta.getColumnName(c));
                        }
                        String insert = "insert into " + table + " (" + String.join(", ", names) + ") values ("
                                + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
                        List<Object[]> batch = new ArrayList<>(BATCH);
                        try (PreparedStatement write = to.prepareStatement(insert)) {
                            while (source_rows.next()) {
                                Object[] row = new Object[columns];
                                for (int c = 1; c <= columns; c++) {
                                    row[c - 1] = isBinary(meta.getColumnType(c)) ? source_rows.getBytes(c)
                                            : source_rows.getObject(c);
                                }
                                batch.add(row);
                                if (batch.size() == BATCH) {
                                    nanos += flush(write, to, batch);
                                    rows += BATCH;
                                    batch.clear();
                                }
                            }
                            rows += batch.size();
                            nanos += flush(write, to, batch);
                        }
                    }
                }
                tables++;
                if (table.equalsIgnoreCase("domain_event_entry")) {
                    events = rows - rowsBefore;
                }
                if (projections.contains(table.toLowerCase(java.util.Locale.ROOT))) {
                    projectionRows += rows - rowsBefore;
                    projectionNanos += nanos - nanosBefore;
                }
            }
        }
        return new RawInsert(rows, tables, nanos / 1e9, events, projectionRows, projectionNanos / 1e9);
    }

    /**
     * The tables the projections write, lower case: exactly those whose shadows schema {@code replay} holds (migration
     * V11), which a replay rebuilds. Not a name pattern: {@code claim_directory} and {@code entity_directory} are the
     * write side's (until the fifth round of docs/benchmarks.md the pattern {@code claim_*}, {@code entity_*} counted
     * them in).
     */
    static List<String> projectionTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select table_name from information_schema.tables"
                     + " where upper(table_schema) = 'REPLAY' order by table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return tables;
    }

    private static long flush(PreparedStatement write, Connection to, List<Object[]> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        long started = System.nanoTime();
        for (Object[] row : batch) {
            for (int c = 0; c < row.length; c++) {
                write.setObject(c + 1, row[c]);
            }
            write.addBatch();
        }
        write.executeBatch();
        to.commit();
        return System.nanoTime() - started;
    }

    private static boolean isBinary(int type) {
        return type == Types.BLOB || type == Types.VARBINARY || type == Types.BINARY || type == Types.LONGVARBINARY;
    }

    /** Every table of the ledger but Flyway's own history. */
    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select table_name from information_schema.tables"
                     + " where upper(table_schema) = 'PUBLIC' and table_type = 'BASE TABLE'"
                     + " and lower(table_name) <> 'flyway_schema_history' order by table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
