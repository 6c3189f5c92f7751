package com.claimledger.ledger.replay;

import com.claimledger.ledger.config.LedgerNode;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay lease: one holder at a time over the database, whatever node asks; an expired lease is nobody's and can
 * be taken, and the replay that let it expire can no longer renew it (its switch is then refused); only the holder
 * gives it back. And the segment claims of other nodes that a replay must wait for: unexpired ones only.
 */
class ReplayLeaseTest {

    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void oneReplayHoldsTheLeaseAtATimeUntilItGivesItBackOrLetsItExpire(@TempDir Path dir) {
        NamedParameterJdbcTemplate jdbc = database(dir);
        Hands clock = new Hands();
        ReplayLease a = new ReplayLease(jdbc, clock, new LedgerNode("node-a"), Duration.ofSeconds(60));
        ReplayLease b = new ReplayLease(jdbc, clock, new LedgerNode("node-b"), Duration.ofSeconds(60));

        assertThat(a.holder()).isEmpty();
        assertThat(a.take("r1")).isEmpty();
        assertThat(b.take("r2")).as("held by node A's replay").get()
                .extracting(ReplayLease.Holder::replayId, ReplayLease.Holder::node).containsExactly("r1", "node-a");
        assertThat(a.take("r3")).as("one replay on node A at a time too").isPresent();
        assertThat(b.elsewhere()).get().extracting(ReplayLease.Holder::replayId).isEqualTo("r1");
        assertThat(a.elsewhere()).as("node A's own").isEmpty();
        assertThat(b.renew("r1")).as("only the holder renews").isFalse();
        b.release("r1");
        assertThat(a.holder()).as("only the holder gives it back").isPresent();

        clock.now = clock.now.plusSeconds(45);
        assertThat(a.renew("r1")).isTrue();
        clock.now = clock.now.plusSeconds(45);
        assertThat(b.take("r2")).as("renewed 45 s ago for 60 s").isPresent();
        clock.now = clock.now.plusSeconds(16);
        assertThat(a.holder()).as("expired: nobody's").isEmpty();
        assertThat(b.take("r2")).isEmpty();
        assertThat(a.renew("r1")).as("lost: node A's switch would be refused").isFalse();
        a.release("r1");
        assertThat(a.holder()).get().extracting(ReplayLease.Holder::node).isEqualTo("node-b");
        b.release("r2");
        assertThat(a.holder()).isEmpty();
        assertThat(a.take("r4")).isEmpty();

        // On H2, which one process opens at a time, a lease found at a start is a dead replay's: given back at once.
        ReplayLease restarted = new ReplayLease(jdbc, clock, new LedgerNode("node-a2"), Duration.ofSeconds(60));
        restarted.forgetIfEmbedded();
        assertThat(restarted.holder()).isEmpty();
        assertThat(restarted.take("r5")).isEmpty();
    }

    @Test
    void aReplayWaitsForTheOtherNodesUnexpiredClaimsOnly(@TempDir Path dir) {
        NamedParameterJdbcTemplate jdbc = database(dir);
        Hands clock = new Hands();
        ReplayLease a = new ReplayLease(jdbc, clock, new LedgerNode("node-a"), Duration.ofSeconds(60));
        claim(jdbc, "claims", 0, "node-a", clock.now);
        claim(jdbc, "claims", 1, "node-b", clock.now.minusSeconds(3));
        claim(jdbc, "articles", 0, "node-c", clock.now.minusSeconds(30));
        claim(jdbc, "articles", 1, null, clock.now);

        assertThat(a.claimsElsewhere(Duration.ofSeconds(10))).containsExactly("claims/1 by node-b");
        assertThat(a.claimsElsewhere(Duration.ofSeconds(60))).containsExactly("articles/0 by node-c", "claims/1 by node-b");
    }

    private static void claim(NamedParameterJdbcTemplate jdbc, String processor, int segment, String owner, Instant at) {
        jdbc.update("insert into token_entry (processor_name, segment, owner, timestamp) values (:p, :s, :o, :t)",
                new org.springframework.jdbc.core.namedparam.MapSqlParameterSource(Map.of("p", processor, "s", segment,
                        "t", org.axonframework.common.DateTimeUtils.formatInstant(at))).addValue("o", owner));
    }

    private static NamedParameterJdbcTemplate database(Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("ledger");
        Flyway.configure().dataSource(url, "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        return new NamedParameterJdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
    }
}
