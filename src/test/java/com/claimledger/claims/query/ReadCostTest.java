package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimQueries.ClaimFilter;
import com.claimledger.claims.api.ClaimStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static com.claimledger.claims.query.ClaimLedger.KNB;
import static com.claimledger.claims.query.ClaimLedger.day;
import static com.claimledger.claims.query.ClaimLedger.now;
import static com.claimledger.claims.query.ClaimLedger.published;
import static com.claimledger.claims.query.ClaimLedger.recorded;
import static com.claimledger.claims.query.ClaimLedger.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads whose cost follows the answer, not the ledger: the rows the database hands the reader for a page (H2's query
 * statistics, summed over every statement of the read) stay about as many as the claims that match, however many
 * claims the ledger holds beside them. A read that walked the ledger for its few matches hands over every claim it
 * walked as a candidate, and fails here.
 */
class ReadCostTest {

    /** Claims that match neither read below: the ledger a walk would read through. */
    private static final int OTHER_CLAIMS = 1200;

    ClaimLedger ledger;

    @BeforeEach
    void freshLedger() {
        ledger = ClaimLedger.fresh();
    }

    @AfterEach
    void dropLedger() {
        ledger.close();
    }

    @Test
    void theRetractedViewReadsTheRetractionsNotTheLedger() {
        List<String> retracted = new ArrayList<>();
        for (int i = 0; i < OTHER_CLAIMS; i++) {
            String id = "c-%04d".formatted(i);
            ledger.claim(id).assertedAt(day("2015-07-01").plusSeconds(60L * (i % 500)))
                    .recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
            if (i % 300 == 7) {
                retracted.add(id);
            }
        }
        assertThat(retracted).containsExactly("c-0007", "c-0307", "c-0607", "c-0907");
        // retracted on two days, recorded an hour apart
        for (int i = 0; i < retracted.size(); i++) {
            ledger.retracted(retracted.get(i), "Withdrawn by the outlet.", KNB.id(), day(i < 2 ? "2015-07-21" : "2015-07-23"),
                    Instant.parse("2026-01-06T10:00:00Z").plusSeconds(3600L * i));
        }
        ClaimFilter onlyRetracted = ClaimFilter.of(null, null, null, Set.of(ClaimStatus.RETRACTED));
        // page order: narrative time (c-0007 at 7 minutes, c-0607 at 107, c-0307 at 307, c-0907 at 407), then id
        List<String> inOrder = List.of("c-0007", "c-0607", "c-0307", "c-0907");

        long rows = rowsRead(() -> ledger.pages(now(), onlyRetracted, 2));

        assertThat(ledger.pages(now(), onlyRetracted, 2).stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(inOrder);
        assertThat(rows).as("rows handed over for %d retracted claims among %d", retracted.size(), OTHER_CLAIMS)
                .isLessThan(100);
        // as of a moment: the retractions made by then only, on either axis
        assertThat(ledger.ids(published("2015-07-22"), onlyRetracted)).containsExactlyInAnyOrderElementsOf(retracted.subList(0, 2));
        assertThat(ledger.ids(published("2015-07-20"), onlyRetracted)).isEmpty();
        assertThat(ledger.ids(recorded("2026-01-06T10:30:00Z"), onlyRetracted)).containsExactly(retracted.get(0));
        // beside another filter too
        assertThat(ledger.ids(now(), new ClaimFilter(null, null, null, null, "another-article",
                Set.of(ClaimStatus.RETRACTED)))).isEmpty();
    }

    @Test
    void aSearchTermOfFewClaimsThatBeginsManyWordsStartsFromItsClaims() {
        // "12345" begins more words than a search reads by word (ledger.search.most-words, 32 here): "12345)",
        // "12345.", "12345a" ... all in one claim; one more claim has it once. "report" is in every claim.
        StringBuilder many = new StringBuilder("A report on case 12345");
        for (int i = 0; i < 40; i++) {
            many.append(" 12345").append((char) ('a' + i % 26)).append(i / 26);
        }
        ledger.claim("k-many").says(many + ".").assertedAt(day("2015-07-03")).recordedAt(Instant.parse("2026-01-05T09:00:00Z"));
        ledger.claim("k-once").says("The report names case 12345.").assertedAt(day("2015-07-02"))
                .recordedAt(Instant.parse("2026-01-05T09:00:01Z"));
        ledger.claim("k-not").says("Another report without it, 1234.").assertedAt(day("2015-07-02"))
                .recordedAt(Instant.parse("2026-01-05T09:00:02Z"));
        for (int i = 0; i < OTHER_CLAIMS; i++) {
            ledger.claim("c-%04d".formatted(i)).says("A report of the day, number " + i + ".")
                    .assertedAt(day("2015-07-01").plusSeconds(60L * (i % 500)))
                    .recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
        }

        long rows = rowsRead(() -> ledger.pages(now(), text("report 12345"), 1));

        assertThat(ledger.pages(now(), text("report 12345"), 1)).containsExactly(List.of("k-once"), List.of("k-many"));
        assertThat(rows).as("rows handed over for 2 matches among %d claims with \"report\"", OTHER_CLAIMS)
                .isLessThan(200);
        assertThat(ledger.ids(now(), text("12345 nothing"))).isEmpty();
    }

    /**
     * A subject's claims (its disputed view, its timeline, a list's start) are read from the index on (entity, claim),
     * where H2 finds the claim without fetching the row: at 10^6 entries a subject of 6,000 claims took 14-55 ms to
     * read through the index on the entity alone (docs/benchmarks.md, twenty-seventh round).
     */
    @Test
    void aSubjectsClaimsAreReadFromTheIndexOnEntityAndClaim() {
        var jdbc = ledger.db.jdbc();
        var params = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource("members", List.of("e-1", "e-2"))
                .addValue("cap", 2001);
        for (String statement : List.of(ClaimFilters.ALL_ABOUT, ClaimFilters.FEW_ABOUT)) {
            String plan = String.join("\n", jdbc.queryForList("explain " + statement, params, String.class));
            assertThat(plan).as(statement).containsIgnoringCase("idx_claim_subject_entity_claim");
        }
    }

    /** The rows every statement of a read handed over, summed (H2's query statistics, on for the read only). */
    private long rowsRead(Supplier<?> read) {
        var jdbc = ledger.db.jdbc().getJdbcTemplate();
        jdbc.execute("set query_statistics_max_entries 10000");
        jdbc.execute("set query_statistics true");
        try {
            read.get();
            return jdbc.queryForList("select sql_statement, cumulative_row_count from information_schema.query_statistics")
                    .stream().filter(row -> !row.get("SQL_STATEMENT").toString().contains("query_statistics"))
                    .mapToLong(row -> ((Number) row.get("CUMULATIVE_ROW_COUNT")).longValue()).sum();
        } finally {
            jdbc.execute("set query_statistics false");
        }
    }
}
