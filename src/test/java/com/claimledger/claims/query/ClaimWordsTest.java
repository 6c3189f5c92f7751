package com.claimledger.claims.query;

import com.claimledger.ledger.projection.Rebuild;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.claimledger.claims.query.ClaimLedger.AMIROV;
import static com.claimledger.claims.query.ClaimLedger.GKNB;
import static com.claimledger.claims.query.ClaimLedger.day;
import static com.claimledger.claims.query.ClaimLedger.now;
import static com.claimledger.claims.query.ClaimLedger.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The word index as a function of the wordings ({@link ClaimWords}, a replay's {@code DerivedTable}): what it derives
 * is exactly what the handlers write as the events come, it repairs whatever differs and writes nothing when nothing
 * does; and while a replay rebuilds, the handlers write no words.
 */
class ClaimWordsTest {

    private static final Instant RECORDED = Instant.parse("2026-01-05T10:00:00Z");

    private ClaimLedger ledger;

    @BeforeEach
    void givenClaimsOneOfThemAmendedTwice() {
        ledger = ClaimLedger.fresh();
        for (int i = 0; i < 5; i++) {
            ledger.claim("c-" + i).by(GKNB).about(AMIROV.id()).says("Claim " + i + ": Amirov was shot in the raid.")
                    .quoting(i % 2 == 0 ? "he was among those shot" : null).assertedAt(day("2015-07-2" + i))
                    .recordedAt(RECORDED.plusSeconds(i));
        }
        ledger.amended("c-3", "Amirov died in early July, say police.", null, "New account.", day("2015-07-25"),
                RECORDED.plusSeconds(60));
        ledger.amended("c-3", "Amirov died early in July.", "in July", "Shorter.", day("2015-07-26"),
                RECORDED.plusSeconds(61));
    }

    @AfterEach
    void dropLedger() {
        ledger.close();
    }

    private List<Map<String, Object>> index() {
        return ledger.db.jdbc().queryForList("select claim_id, word, occurred_at from claim_word order by claim_id, word",
                Map.of());
    }

    @Test
    void theWordsDerivedFromTheWordingsAreThoseTheHandlersWroteSoNothingIsWritten() {
        List<Map<String, Object>> written = index();
        ledger.db.jdbc().getJdbcTemplate().execute("""
                create trigger no_writes before insert, update, delete on claim_word for each row
                call 'com.claimledger.claims.query.ClaimWordsTest$NoWrites'""");

        words(2).rederive();

        assertThat(index()).isEqualTo(written).hasSizeGreaterThan(40);
    }

    @Test
    void theRowsDerivedAreTheIndexsRowsAsReadEachOnceAmendedClaimsIncluded() {
        List<List<Object>> indexed = new java.util.ArrayList<>();
        ledger.db.jdbc().getJdbcTemplate().query("select claim_id, word, occurred_at from claim_word", rs -> {
            indexed.add(List.of(rs.getObject(1), rs.getObject(2), rs.getObject(3)));
        });
        for (int claimsARange : List.of(1, 2, 2_000)) {
            List<List<Object>> derived = new java.util.ArrayList<>();

            words(claimsARange).derive("public", row -> derived.add(List.of(row)));

            // Equal values of equal types: the replay's fingerprints of the two encode alike.
            assertThat(derived).hasSize(indexed.size()).containsExactlyInAnyOrderElementsOf(indexed);
            assertThat(derived.stream().<Object>map(row -> row.get(2).getClass()).distinct())
                    .containsExactly((Object) indexed.get(0).get(2).getClass());
        }
        for (int parts : List.of(2, 3, 8)) {
            // The parts run at once, sharing the claim ranges: together every row, each once.
            List<List<Object>> derived = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            List<Thread> threads = words(1).derivation("public", parts).stream()
                    .map(part -> new Thread(() -> part.give(row -> derived.add(List.of(row))))).toList();
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            assertThat(derived).as("%s parts", parts).hasSize(indexed.size()).containsExactlyInAnyOrderElementsOf(indexed);
        }
        assertThat(indexed.stream().filter(row -> row.get(0).equals("c-3")).map(row -> row.get(1)))
                .as("the words of every revision, each once").contains("raid", "police", "july").doesNotHaveDuplicates();
        assertThatThrownBy(() -> words(2).derive("public; drop table claim_word", row -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDamagedIndexIsRepairedRangeByRange() {
        List<Map<String, Object>> written = index();
        var jdbc = ledger.db.jdbc().getJdbcTemplate();
        jdbc.update("delete from claim_word where claim_id = 'c-1'");
        jdbc.update("delete from claim_word where claim_id = 'c-3' and word = 'police'");
        jdbc.update("insert into claim_word (claim_id, word, occurred_at) values ('c-2', 'bogus', current_timestamp)");
        jdbc.update("update claim_word set occurred_at = timestamp with time zone '2000-01-01 00:00:00+00'"
                + " where claim_id = 'c-4' and word = 'raid'");
        jdbc.update("insert into claim_word (claim_id, word, occurred_at) values ('z-gone', 'orphan', current_timestamp)");
        jdbc.update("insert into claim_word (claim_id, word, occurred_at) values ('a-gone', 'orphan', current_timestamp)");
        assertThat(index()).isNotEqualTo(written);

        // two claims a range: ranges (, c-1], (c-1, c-3], (c-3, ...)
        words(2).rederive();

        assertThat(index()).isEqualTo(written);
        assertThat(ledger.ids(now(), text("orphan"))).isEmpty();
        assertThat(ledger.ids(ClaimLedger.published("2015-07-25"), text("police"))).containsExactly("c-3");
    }

    @Test
    void insideTheSwitchsTransactionTheRepairIsTheTransactionsToCommitOrRollBack() {
        List<Map<String, Object>> written = index();
        var jdbc = ledger.db.jdbc().getJdbcTemplate();
        jdbc.update("delete from claim_word where claim_id in ('c-0', 'c-4')");
        jdbc.update("insert into claim_word (claim_id, word, occurred_at) values ('c-2', 'bogus', current_timestamp)");
        List<Map<String, Object>> damaged = index();
        var transaction = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()));

        // The index's rows are read on a connection of their own, one range ahead: as committed, i.e. as damaged.
        transaction.executeWithoutResult(status -> {
            words(1).rederive();
            assertThat(jdbc.queryForObject("select count(*) from claim_word", Long.class)).isEqualTo(written.size());
            status.setRollbackOnly();
        });
        assertThat(index()).as("rolled back").isEqualTo(damaged);

        transaction.executeWithoutResult(status -> words(1).rederive());
        assertThat(index()).as("committed").isEqualTo(written);
    }

    @Test
    void whileAReplayRebuildsTheHandlersWriteNoWords() {
        long before = ledger.db.count("claim_word");
        Rebuild.during(() -> {
            ledger.claim("c-9").by(GKNB).says("Rebuilt without its words.").recordedAt(RECORDED.plusSeconds(90));
            ledger.amended("c-0", "A new wording with new words.", null, "Why not.", day("2015-07-27"),
                    RECORDED.plusSeconds(91));
            return null;
        });
        assertThat(ledger.db.count("claim_word")).isEqualTo(before);
        assertThat(ledger.db.count("claim_wording")).as("the amendments are rebuilt").isEqualTo(2 + 1);

        words(1000).rederive();

        assertThat(ledger.ids(now(), text("rebuilt"))).containsExactly("c-9");
        assertThat(ledger.ids(now(), text("new words"))).containsExactly("c-0");
    }

    private ClaimWords words(int claimsABatch) {
        return new ClaimWords(ledger.db.jdbc(), claimsABatch, claimsABatch);
    }

    /** An H2 trigger that refuses any write: the rederive of an index already right writes nothing. */
    public static final class NoWrites implements org.h2.api.Trigger {
        @Override
        public void fire(java.sql.Connection connection, Object[] oldRow, Object[] newRow) {
            throw new IllegalStateException("claim_word written");
        }
    }
}
