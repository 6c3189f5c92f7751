package com.claimledger.ledger.replay;

import com.claimledger.ledger.config.LedgerNode;
import com.claimledger.ledger.projection.Sql;
import org.axonframework.common.DateTimeUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lease a replay holds over every node of its database (table {@code replay_lease}, V25): the shadow tables are
 * shared by the nodes, so a replay is one at a time over the database, not over a node; and while one runs, whatever
 * writes the live projections elsewhere (the other nodes' processors, a retry of the dead letters on any node) stays
 * off them. A replay takes the lease at its start and gives it back at its end, renewing it meanwhile; a node that dies
 * mid-replay leaves it to expire after {@code ledger.replay.lease-term}, so that the ledger is never left unable to
 * replay.
 */
@Component
class ReplayLease {

    /** Who holds the lease: a replay, on a node, since and until when (unless renewed). */
    record Holder(String replayId, String node, Instant startedAt, Instant expiresAt) {

        String describe() {
            return "replay " + replayId + " on node " + node + " since " + startedAt;
        }
    }

    private static final String NAME = "projections";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final String node;
    private final Duration term;

    ReplayLease(NamedParameterJdbcTemplate jdbc, Clock clock, LedgerNode node,
                @Value("${ledger.replay.lease-term:60s}") Duration term) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node.id();
        this.term = term;
    }

    String node() {
        return node;
    }

    Duration term() {
        return term;
    }

    /**
     * Takes the lease for {@code replayId} on this node unless a replay holds it unexpired (one statement: of two
     * nodes asking at once, one gets it).
     *
     * @return empty if taken, else who holds it
     */
    Optional<Holder> take(String replayId) {
        Instant now = clock.instant();
        int taken = jdbc.update("""
                update replay_lease set replay_id = :replay, node = :node, started_at = :now, expires_at = :until
                where name = :name and (replay_id is null or expires_at < :now)""",
                Map.of("replay", replayId, "node", node, "now", Sql.utc(now), "until", Sql.utc(now.plus(term)),
                        "name", NAME));
        return taken == 1 ? Optional.empty() : Optional.of(holder().orElseGet(() ->
                new Holder("(unknown)", "(unknown)", now, now)));
    }

    /**
     * Extends the lease of {@code replayId} by its term from now; inside a transaction, also holds its row until the
     * commit, so that a retry of the dead letters on another node (which reads the row {@link #holderLocked() for
     * update}) waits for that transaction. False if the replay no longer holds it (it expired and another took it).
     */
    boolean renew(String replayId) {
        Instant now = clock.instant();
        return jdbc.update("""
                update replay_lease set expires_at = :until where name = :name and replay_id = :replay and node = :node""",
                Map.of("until", Sql.utc(now.plus(term)), "name", NAME, "replay", replayId, "node", node)) == 1;
    }

    /**
     * On the embedded H2 database, which one process opens at a time, a lease found when the node starts is a
     * replay's that died with its process: given back at once rather than left to expire, during which this node
     * would keep its projections paused as for another node's replay. On a shared database nothing is done.
     */
    void forgetIfEmbedded() {
        String product = jdbc.getJdbcTemplate().execute((org.springframework.jdbc.core.ConnectionCallback<String>)
                connection -> connection.getMetaData().getDatabaseProductName());
        if ("H2".equalsIgnoreCase(product)) {
            holder().ifPresent(holder -> org.slf4j.LoggerFactory.getLogger(ReplayLease.class).warn(
                    "the {} did not end (its process stopped); its lease is given back", holder.describe()));
            jdbc.update("""
                    update replay_lease set replay_id = null, node = null, started_at = null, expires_at = null
                    where name = :name""", Map.of("name", NAME));
        }
    }

    /** Gives the lease of {@code replayId} back (nothing if it no longer holds it). */
    void release(String replayId) {
        jdbc.update("""
                update replay_lease set replay_id = null, node = null, started_at = null, expires_at = null
                where name = :name and replay_id = :replay and node = :node""",
                Map.of("name", NAME, "replay", replayId, "node", node));
    }

    /** The replay holding the lease now, if any (an expired lease is held by nobody). */
    Optional<Holder> holder() {
        return live(jdbc.query("select replay_id, node, started_at, expires_at from replay_lease where name = :name",
                Map.of("name", NAME), ReplayLease::row));
    }

    /**
     * As {@link #holder()}, holding the lease's row until the transaction this runs in ends: a replay's switch,
     * which {@link #renew renews} the lease in its own transaction first, and this wait for each other.
     */
    Optional<Holder> holderLocked() {
        return live(jdbc.query("select replay_id, node, started_at, expires_at from replay_lease where name = :name for update",
                Map.of("name", NAME), ReplayLease::row));
    }

    /** The replay holding the lease now on another node, if any. */
    Optional<Holder> elsewhere() {
        return holder().filter(holder -> !holder.node().equals(node));
    }

    /**
     * The projections' segments another node holds an unexpired claim on ("processor/segment by owner"): a replay
     * moves every segment's token at its switch and cannot while another node holds one.
     */
    List<String> claimsElsewhere(Duration claimTimeout) {
        Instant expired = clock.instant().minus(claimTimeout);
        return jdbc.query("""
                        select processor_name, segment, owner, timestamp from token_entry
                        where owner is not null and owner <> :node order by processor_name, segment""",
                        Map.of("node", node), (rs, n) -> DateTimeUtils.parseInstant(rs.getString("timestamp"))
                                .isAfter(expired) ? rs.getString("processor_name") + "/" + rs.getInt("segment")
                                + " by " + rs.getString("owner") : null)
                .stream().filter(java.util.Objects::nonNull).toList();
    }

    private Optional<Holder> live(List<Holder> rows) {
        Instant now = clock.instant();
        return rows.stream().filter(row -> row.replayId() != null && !row.expiresAt().isBefore(now)).findFirst();
    }

    private static Holder row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Holder(rs.getString("replay_id"), rs.getString("node"), Sql.instant(rs, "started_at"),
                Sql.instant(rs, "expires_at"));
    }
}
