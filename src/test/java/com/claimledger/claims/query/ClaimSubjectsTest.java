package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimQueries.ClaimFilter;
import com.claimledger.ledger.projection.Rebuild;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static com.claimledger.claims.query.ClaimLedger.AMIROV;
import static com.claimledger.claims.query.ClaimLedger.GKNB;
import static com.claimledger.claims.query.ClaimLedger.IWPR;
import static com.claimledger.claims.query.ClaimLedger.KNB;
import static com.claimledger.claims.query.ClaimLedger.day;
import static com.claimledger.claims.query.ClaimLedger.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The subject filter's rows as a function of the claims' rows ({@link ClaimSubjects}, a replay's {@code DerivedTable}):
 * what it derives is exactly what the handler writes with each claim, it repairs whatever differs and writes nothing
 * when nothing does; and while a replay rebuilds, the handler writes no subjects.
 */
class ClaimSubjectsTest {

    private static final Instant RECORDED = Instant.parse("2026-01-05T10:00:00Z");

    private ClaimLedger ledger;

    @BeforeEach
    void givenClaimsWithNoneOneAndTwoSubjects() {
        ledger = ClaimLedger.fresh();
        for (int i = 0; i < 5; i++) {
            var claim = ledger.claim("c-" + i).by(GKNB);
            claim = i == 0 ? claim : i % 2 == 0 ? claim.about(AMIROV.id()) : claim.about(AMIROV.id(), KNB.id(), IWPR.id());
            claim.says("Claim " + i + " on Amirov.").assertedAt(day("2015-07-2" + i)).recordedAt(RECORDED.plusSeconds(i));
        }
    }

    @AfterEach
    void dropLedger() {
        ledger.close();
    }

    private List<Map<String, Object>> subjects() {
        return ledger.db.jdbc().queryForList("select claim_id, position, entity_id from claim_subject"
                + " order by claim_id, position", Map.of());
    }

    private List<String> about(String subject) {
        return ledger.ids(now(), new ClaimFilter(null, subject, null, null, null, null));
    }

    @Test
    void theRowsDerivedAreTheTablesRowsAsReadEachOnce() {
        List<List<Object>> stored = new ArrayList<>();
        ledger.db.jdbc().getJdbcTemplate().query("select claim_id, position, entity_id from claim_subject", rs -> {
            stored.add(List.of(rs.getObject(1), rs.getObject(2), rs.getObject(3)));
        });
        assertThat(stored).hasSize(2 * 3 + 2 * 1);
        for (int claimsARange : List.of(1, 2, 2_000)) {
            List<List<Object>> derived = new ArrayList<>();

            subjects(claimsARange).derive("public", row -> derived.add(List.of(row)));

            // Equal values of equal types: the replay's fingerprints of the two encode alike.
            assertThat(derived).as("%s claims a range", claimsARange).containsExactlyInAnyOrderElementsOf(stored);
            assertThat(derived.stream().<Object>map(row -> row.get(1).getClass()).distinct())
                    .containsExactly((Object) stored.get(0).get(1).getClass());
        }
        for (int parts : List.of(2, 3, 8)) {
            List<List<Object>> derived = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = subjects(1).derivation("public", parts).stream()
                    .map(part -> new Thread(() -> part.give(row -> derived.add(List.of(row))))).toList();
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            assertThat(derived).as("%s parts", parts).containsExactlyInAnyOrderElementsOf(stored);
        }
        assertThatThrownBy(() -> subjects(2).derive("public; drop table claim_subject", row -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSubjectsDerivedFromTheRowsAreThoseTheHandlerWroteSoNothingIsWritten() {
        List<Map<String, Object>> written = subjects();
        ledger.db.jdbc().getJdbcTemplate().execute("""
                create trigger no_subject_writes before insert, update, delete on claim_subject for each row
                call 'com.claimledger.claims.query.ClaimSubjectsTest$NoWrites'""");

        subjects(2).rederive();

        assertThat(subjects()).isEqualTo(written);
    }

    @Test
    void aDamagedTableIsRepairedRangeByRange() {
        List<Map<String, Object>> written = subjects();
        var jdbc = ledger.db.jdbc().getJdbcTemplate();
        jdbc.update("delete from claim_subject where claim_id = 'c-1'");
        jdbc.update("update claim_subject set entity_id = 'someone-else' where claim_id = 'c-3' and position = 1");
        jdbc.update("insert into claim_subject (claim_id, position, entity_id) values ('c-2', 7, 'stray')");
        jdbc.update("insert into claim_subject (claim_id, position, entity_id) values ('c-0', 0, 'stray')");
        jdbc.update("insert into claim_subject (claim_id, position, entity_id) values ('z-gone', 0, 'amirov')");
        jdbc.update("insert into claim_subject (claim_id, position, entity_id) values ('a-gone', 0, 'amirov')");
        assertThat(subjects()).isNotEqualTo(written);

        // two claims a range: ranges (, c-1], (c-1, c-3], (c-3, ...)
        subjects(2).rederive();

        assertThat(subjects()).isEqualTo(written);
        assertThat(about("KNB")).containsExactly("c-1", "c-3");
    }

    @Test
    void whileAReplayRebuildsTheHandlerWritesNoSubjects() {
        long before = ledger.db.count("claim_subject");
        Rebuild.during(() -> {
            ledger.claim("c-9").by(GKNB).about(KNB.id(), AMIROV.id()).says("Rebuilt without its subjects.")
                    .recordedAt(RECORDED.plusSeconds(90));
            return null;
        });
        assertThat(ledger.db.count("claim_subject")).isEqualTo(before);

        subjects(1000).rederive();

        assertThat(subjects()).filteredOn(row -> "c-9".equals(row.get("CLAIM_ID")))
                .extracting(row -> row.get("POSITION") + " " + row.get("ENTITY_ID")).containsExactly("0 knb-kazakhstan",
                        "1 amirov");
        assertThat(about("KNB")).contains("c-9");
    }

    private ClaimSubjects subjects(int claimsARange) {
        return new ClaimSubjects(ledger.db.jdbc(), claimsARange);
    }

    /** An H2 trigger that refuses any write: the rederive of a table already right writes nothing. */
    public static final class NoWrites implements org.h2.api.Trigger {
        @Override
        public void fire(java.sql.Connection connection, Object[] oldRow, Object[] newRow) {
            throw new IllegalStateException("claim_subject written");
        }
    }
}
