package com.claimledger.ledger.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A projection's generation (table {@code projection_generation}, V29): a number in the database that changes in the
 * same transaction as every change to the projection's rows that a node may keep in memory, so that a node checks
 * what it keeps by one primary-key lookup of this number instead of reading the rows again — whichever node, sharing
 * the database, made the change. A replay's switch changes every projection's ({@link #changeAll}), since it may
 * rewrite any row.
 *
 * <p>A new generation is drawn at random, not counted, and generations are only compared for equality: a reader that
 * saw a number inside a transaction which then rolled back keeps nothing under a number a later change could bring
 * back.
 */
public final class ProjectionGeneration {

    /** Named with its schema: a replay's handlers run with the shadow schema current, the switch in either. */
    private static final String TABLE = "public.projection_generation";

    private final NamedParameterJdbcTemplate jdbc;
    private final String projection;

    public ProjectionGeneration(NamedParameterJdbcTemplate jdbc, String projection) {
        this.jdbc = jdbc;
        this.projection = projection;
    }

    /** The projection's generation now (the one committed, or the one this transaction changed it to). */
    public long current() {
        List<Long> generation = jdbc.queryForList("select generation from " + TABLE + " where projection = :projection",
                Map.of("projection", projection), Long.class);
        if (generation.isEmpty()) {
            throw new IllegalStateException("no generation for projection " + projection + " (migration V29)");
        }
        return generation.get(0);
    }

    /**
     * In the current transaction: the projection's rows that a node may keep are changing. Not while a replay feeds
     * the shadow tables, which no reader reads: its switch changes every generation ({@link #changeAll}).
     */
    public void change() {
        if (Rebuild.inProgress()) {
            return;
        }
        int changed = jdbc.update("update " + TABLE + " set generation = :next where projection = :projection",
                Map.of("projection", projection, "next", next()));
        if (changed != 1) {
            throw new IllegalStateException("no generation for projection " + projection + " (migration V29)");
        }
    }

    /** In the current transaction (a replay's switch): every projection's rows may change. */
    public static void changeAll(JdbcTemplate jdbc) {
        // One number for all: each differs from every number before it, which is all a reader compares.
        new NamedParameterJdbcTemplate(jdbc).update("update " + TABLE + " set generation = :next",
                Map.of("next", next()));
    }

    private static long next() {
        return ThreadLocalRandom.current().nextLong();
    }
}
