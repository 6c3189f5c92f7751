package com.claimledger.ledger.replay;

import com.claimledger.ledger.projection.DerivedTable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The projection tables' shadows in schema {@code replay} (migration V11), which a replay fills while readers keep
 * the projections of the default schema. The projections' handlers name no schema: within {@link #within}, the
 * transaction's connection looks names up in {@code replay} first and then in the default schema (where the tokens
 * stay), so the same handlers write either; so does the projections' dead-letter queue (V24), whose letters are part
 * of what a replay rebuilds and switches in.
 */
final class ShadowTables {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ShadowTables.class);

    private final JdbcTemplate jdbc;
    private final boolean postgres;
    private final List<String> tables;

    private ShadowTables(JdbcTemplate jdbc, boolean postgres, List<String> tables) {
        this.jdbc = jdbc;
        this.postgres = postgres;
        this.tables = tables;
    }

    static ShadowTables of(JdbcTemplate jdbc) {
        String product = jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName());
        List<String> tables = jdbc.queryForList("""
                        select table_name from information_schema.tables
                        where upper(table_schema) = 'REPLAY' order by table_name""", String.class)
                .stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        return new ShadowTables(jdbc, product != null && product.toLowerCase(Locale.ROOT).contains("postgres"), tables);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    List<String> tables() {
        return tables;
    }

    /** Empties every shadow table (outside any transaction: on H2, TRUNCATE commits). */
    void empty() {
        tables.forEach(table -> jdbc.execute("truncate table replay." + table));
    }

    /**
     * Runs {@code work} in the current transaction with unqualified names resolved in {@code replay} first. On
     * PostgreSQL the setting is the transaction's own ({@code SET LOCAL}); on H2 it is the session's, and is put back
     * before the connection returns to the pool.
     */
    <T> T within(Supplier<T> work) {
        if (postgres) {
            jdbc.execute("set local search_path to replay, public");
            return work.get();
        }
        jdbc.execute("set schema replay");
        jdbc.execute("set schema_search_path replay, public");
        try {
            T result = work.get();
            // JPA writes what it persisted (the dead-letter queue's letters) at its flush, by default at the commit:
            // it must write them while the names still resolve in the shadows.
            TransactionSynchronizationManager.getResourceMap().values().stream()
                    .filter(EntityManagerHolder.class::isInstance)
                    .forEach(holder -> ((EntityManagerHolder) holder).getEntityManager().flush());
            return result;
        } finally {
            jdbc.execute("set schema public");
            jdbc.execute("set schema_search_path public");
        }
    }

    /**
     * The projection tables, outside {@code leave}, that already hold exactly their shadow's rows (equal
     * {@link TableFingerprint}s), so that the switch can leave them as they are. Each table and its shadow are scanned
     * at once, on two connections of their own; run before the switch's transaction, while nothing writes either (the
     * projections' processors are stopped and the rebuild has ended).
     */
    Set<String> alreadyIn(Set<String> leave) {
        ExecutorService scans = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "replay-fingerprint");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Set<String> equal = new java.util.TreeSet<>();
            for (String table : tables) {
                if (leave.contains(table)) {
                    continue;
                }
                List<String> columns = columns(table);
                Future<TableFingerprint> live = scans.submit(() -> TableFingerprint.of(jdbc, postgres, "public." + table, columns));
                Future<TableFingerprint> rebuilt = scans.submit(() -> TableFingerprint.of(jdbc, postgres, "replay." + table, columns));
                if (live.get().equals(rebuilt.get())) {
                    equal.add(table);
                }
            }
            return equal;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not fingerprint the projection tables", e.getCause());
        } finally {
            scans.shutdownNow();
        }
    }

    /**
     * The derived tables that do not yet hold exactly the rows they derive from the shadows (schema {@code replay}):
     * each table's fingerprint, scanned on a thread of its own, against the fingerprint of the rows it derives, on
     * this one. Run, like {@link #alreadyIn}, before the switch's transaction, while nothing writes either — and the
     * shadows hold what the switch leaves in the default schema, whether it copies them there or finds them there.
     */
    List<DerivedTable> notInLine(List<DerivedTable> derived) {
        ExecutorService scans = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replay-fingerprint");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<DerivedTable> stale = new java.util.ArrayList<>();
            for (DerivedTable table : derived) {
                long started = System.nanoTime();
                Future<TableFingerprint> standing = scans.submit(() -> {
                    TableFingerprint fingerprint = TableFingerprint.of(jdbc, postgres, "public." + table.table(),
                            table.columns());
                    log.info("derived table {}: {} rows scanned in {} s", table.table(), fingerprint.rows(),
                            seconds(System.nanoTime() - started));
                    return fingerprint;
                });
                TableFingerprint.Sum rows = new TableFingerprint.Sum();
                table.derive("replay", rows::add);
                TableFingerprint wanted = rows.fingerprint();
                log.info("derived table {}: {} rows derived in {} s", table.table(), wanted.rows(),
                        seconds(System.nanoTime() - started));
                if (!standing.get().equals(wanted)) {
                    stale.add(table);
                }
            }
            return stale;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("replay interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not fingerprint the derived tables", e.getCause());
        } finally {
            // Not interrupted: an interrupt inside a file read would close H2's file channel; a scan left running
            // after a failure ends by itself.
            scans.shutdown();
        }
    }

    /**
     * In the current transaction: every projection table outside {@code leave} takes its shadow's rows. Only what
     * differs is written — a replay mostly reproduces the rows it finds (the checksum stays equal), so the switch
     * deletes the rows the rebuild did not produce and inserts those it produced anew, keyed by primary key and
     * compared column by column. The transaction is as large as the difference, not as the projections. The tables in
     * {@code leave} — the {@link com.claimledger.ledger.projection.DerivedTable}s, whose shadows stay empty, and those
     * {@link #alreadyIn} found equal — are left as they are.
     */
    void switchIn(Set<String> leave) {
        for (String table : tables) {
            if (leave.contains(table)) {
                continue;
            }
            List<String> columns = columns(table);
            List<String> keys = jdbc.queryForList("""
                    select lower(k.column_name) from information_schema.table_constraints c
                    join information_schema.key_column_usage k on k.constraint_schema = c.constraint_schema
                         and k.constraint_name = c.constraint_name and k.table_name = c.table_name
                    where upper(c.table_schema) = 'REPLAY' and lower(c.table_name) = ?
                      and c.constraint_type = 'PRIMARY KEY' order by k.ordinal_position""", String.class, table);
            jdbc.update("delete from public." + table + " p where not exists (select 1 from replay." + table
                    + " r where " + same(keys, columns) + ")");
            jdbc.update("insert into public." + table + " (" + String.join(", ", columns) + ") select "
                    + String.join(", ", columns.stream().map(column -> "r." + column).toList()) + " from replay."
                    + table + " r where not exists (select 1 from public." + table + " p where " + same(keys, columns)
                    + ")");
        }
    }

    /** A shadow table's columns, in table order (the same names as its projection table's: ReplaySchemaTest). */
    private List<String> columns(String table) {
        return jdbc.queryForList("""
                select lower(column_name) from information_schema.columns
                where upper(table_schema) = 'REPLAY' and lower(table_name) = ? order by ordinal_position""",
                String.class, table);
    }

    /** Rows p and r are the same: equal keys (never null), and every other column equal or both null. */
    private static String same(List<String> keys, List<String> columns) {
        List<String> conditions = new java.util.ArrayList<>();
        keys.forEach(key -> conditions.add("r." + key + " = p." + key));
        columns.stream().filter(column -> !keys.contains(column))
                .forEach(column -> conditions.add("r." + column + " is not distinct from p." + column));
        return String.join(" and ", conditions);
    }
}
