package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimQueries.ClaimFilter;
import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.ledger.projection.QueryStatistics;
import com.claimledger.time.AsOf;
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
import static com.claimledger.claims.query.ClaimLedger.noFilter;
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

    /**
     * A claim never changed since its recording (its row's version 0) has no row about it in the other claim tables,
     * so a read of it asks none of them for it: no retraction, no review, no dispute or corroboration of it — only
     * those it made, which are events of the other claim, and those only if its row is marked as having made some
     * (LinkMakers). A claim that was changed is asked about in every table.
     * At 10^6 entries the asking was a third of a search's request time (docs/benchmarks.md, thirty-fifth round).
     */
    @Test
    void aClaimNeverChangedIsReadWithoutAskingWhatChangedIt() {
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        ledger.claim("c-plain").assertedAt(day("2015-07-01")).recordedAt(at);
        ledger.claim("c-disputed").assertedAt(day("2015-07-02")).recordedAt(at.plusSeconds(1));
        ledger.claim("c-by").assertedAt(day("2015-07-03")).recordedAt(at.plusSeconds(2));
        ledger.claim("c-retracted").assertedAt(day("2015-07-04")).recordedAt(at.plusSeconds(3));
        ledger.claim("c-by-2").assertedAt(day("2015-07-05")).recordedAt(at.plusSeconds(4));
        ledger.disputed("c-disputed", "c-by", "Contradicted.", day("2015-07-03"), at.plusSeconds(5));
        ledger.corroborated("c-retracted", "c-by", "Agrees.", day("2015-07-04"), at.plusSeconds(6));
        ledger.disputed("c-retracted", "c-by-2", "Contradicted.", day("2015-07-05"), at.plusSeconds(7));
        ledger.retracted("c-retracted", "Withdrawn by the outlet.", KNB.id(), day("2015-07-06"), at.plusSeconds(8));

        List<String> plain = statementsRun(() -> ledger.claim("c-plain", now()));
        List<String> making = statementsRun(() -> ledger.claim("c-by", now()));
        List<String> changed = statementsRun(() -> ledger.claim("c-disputed", now()));

        for (List<String> unchanged : List.of(plain, making)) {
            assertThat(unchanged).noneMatch(sql -> sql.contains("claim_review") || sql.contains("x.claim_id in"));
        }
        // the links a claim made are asked for only if it is marked as having made some (LinkMakers, V30)
        assertThat(plain).noneMatch(sql -> sql.contains("claim_dispute") || sql.contains("claim_corroboration"));
        assertThat(making).anyMatch(sql -> sql.contains("claim_dispute y")).anyMatch(sql -> sql.contains("claim_corroboration y"));
        // a claim the read's claim disputes has its retraction read, for the dispute's standing: c-by's has
        assertThat(plain).noneMatch(sql -> sql.contains("claim_retraction"));
        assertThat(making).filteredOn(sql -> sql.contains("claim_retraction")).hasSize(1);
        assertThat(changed).anyMatch(sql -> sql.contains("claim_retraction")).anyMatch(sql -> sql.contains("claim_review"))
                .anyMatch(sql -> sql.contains("claim_dispute x where x.claim_id in"))
                .anyMatch(sql -> sql.contains("claim_corroboration x where x.claim_id in"));
        // what each claim shows is whole all the same: the disputes and corroborations it makes, the retraction of a
        // claim it disputes (no dispute with a retracted claim stands), alone and on a page beside the changed ones
        assertThat(ledger.claim("c-by", now()).disputes()).extracting(d -> d.claimId() + " " + d.role())
                .containsExactly("c-disputed DISPUTES");
        assertThat(ledger.claim("c-by", now()).corroborations()).extracting(c -> c.claimId() + " " + c.role())
                .containsExactly("c-retracted CORROBORATES");
        assertThat(ledger.claim("c-plain", now()).status()).isEqualTo(ClaimStatus.STANDING);
        assertThat(ledger.claim("c-by", now()).status()).isEqualTo(ClaimStatus.DISPUTED);
        assertThat(ledger.claim("c-by-2", now()).status()).isEqualTo(ClaimStatus.STANDING);
        assertThat(ledger.claim("c-by-2", published("2015-07-05")).status()).isEqualTo(ClaimStatus.DISPUTED);
        assertThat(ledger.claim("c-disputed", now()).status()).isEqualTo(ClaimStatus.DISPUTED);
        assertThat(ledger.claim("c-retracted", now()).status()).isEqualTo(ClaimStatus.RETRACTED);
        assertThat(ledger.list(now(), noFilter()).items()).extracting(v -> v.id() + " " + v.status())
                .containsExactly("c-plain STANDING", "c-disputed DISPUTED", "c-by DISPUTED", "c-retracted RETRACTED",
                        "c-by-2 STANDING");
        assertThat(ledger.list(published("2015-07-05"), noFilter()).items()).extracting(v -> v.id() + " " + v.status())
                .containsExactly("c-plain STANDING", "c-disputed DISPUTED", "c-by DISPUTED", "c-retracted DISPUTED",
                        "c-by-2 DISPUTED");
    }

    /**
     * The claims a page's checks let through come with their rows, and the page is assembled from those: a search's
     * page and a current view's read each claim's row once (a search read it in its check and again for its view; at
     * 10^6 entries a fifth of its request time, docs/benchmarks.md, thirty-fifth round). What the page shows is the
     * same as a page read without checks.
     */
    @Test
    void aPageThatIsCheckedReadsEachClaimsRowOnce() {
        for (int i = 0; i < 30; i++) {
            ledger.claim("c-%02d".formatted(i)).says(i % 3 == 0 ? "The curfew holds, day " + i + "." : "No news " + i + ".")
                    .assertedAt(day("2015-07-01").plusSeconds(60L * i))
                    .recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
        }
        ledger.retracted("c-03", "Withdrawn by the outlet.", KNB.id(), day("2015-07-02"), Instant.parse("2026-01-06T10:00:00Z"));
        ClaimFilter current = ClaimFilter.of(null, null, null, Set.of(ClaimStatus.STANDING, ClaimStatus.DISPUTED));

        // a search's page is one chunk of candidates, all passing: one statement reads their rows
        assertThat(rowReadsByIds(() -> ledger.pages(now(), text("curfew"), 4))).as("3 pages of a search").isEqualTo(3);
        // the current view's walk reads the rows of the claims that pass with it, one statement a page, none by id
        assertThat(rowReadsByIds(() -> ledger.pages(now(), current, 4))).as("8 pages of the current view").isZero();
        assertThat(ledger.db.statementsRun(() -> ledger.pages(now(), current, 4)).stream()
                .filter(statement -> statement.sql().contains("from claim_view c"))
                .mapToLong(QueryStatistics.Statement::executions).sum()).as("8 pages of the current view").isEqualTo(8);
        assertThat(ledger.pages(now(), text("curfew"), 4)).containsExactly(List.of("c-00", "c-03", "c-06", "c-09"),
                List.of("c-12", "c-15", "c-18", "c-21"), List.of("c-24", "c-27"));
        assertThat(ledger.pages(now(), current, 4).stream().flatMap(List::stream)).hasSize(29).doesNotContain("c-03");
        assertThat(ledger.claim("c-06", now()).statement()).isEqualTo("The curfew holds, day 6.");
        assertThat(ledger.list(now(), text("curfew")).items()).filteredOn(v -> v.id().equals("c-06")).singleElement()
                .isEqualTo(ledger.claim("c-06", now()));
    }

    /**
     * A search's page checks the wording as of the moment only for the claims ever amended, which their rows (read by
     * the page's check) tell, with the wording as recorded: one statement reads the amendments of those, none looks up
     * every candidate in claim_wording or reads a claim's row again (docs/benchmarks.md, thirty-fifth round).
     */
    @Test
    void aSearchReadsTheAmendmentsOfItsAmendedCandidatesOnly() {
        for (int i = 0; i < 10; i++) {
            ledger.claim("c-%02d".formatted(i)).says("The curfew holds, day " + i + ".")
                    .assertedAt(day("2015-07-01").plusSeconds(60L * i))
                    .recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
        }
        ledger.amended("c-04", "The roads reopen, day 4.", null, "Corrected.", day("2015-07-02"),
                Instant.parse("2026-01-06T10:00:00Z"));

        List<String> statements = statementsRun(() -> ledger.ids(now(), text("curfew")));

        assertThat(statements.stream().filter(sql -> sql.contains("claim_wording"))).singleElement()
                .satisfies(sql -> assertThat(sql).contains("w.claim_id in (?)"));
        assertThat(statements.stream().filter(sql -> sql.contains("from claim_view"))).hasSize(1);
        assertThat(ledger.ids(now(), text("curfew"))).hasSize(9).doesNotContain("c-04");
        assertThat(ledger.ids(recorded("2026-01-06T09:00:00Z"), text("curfew"))).hasSize(10).contains("c-04");
        assertThat(ledger.ids(now(), text("roads"))).containsExactly("c-04");
        assertThat(ledger.ids(now(), text("curfew holds day"))).hasSize(9);
    }

    /**
     * The disputed view checks each candidate dispute with both claims' rows, visible as of the moment, and assembles
     * its page from the rows it checked: no statement reads the claims' rows again (at 10^6 entries the second read
     * was some 6–8% of the view's query handler; docs/benchmarks.md, thirty-sixth round). As of a moment before a
     * disputing claim was recorded, its dispute is not on the page.
     */
    @Test
    void theDisputedViewIsAssembledFromTheRowsItsCheckRead() {
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        for (int i = 0; i < 6; i++) {
            ledger.claim("c-a" + i).says("The curfew holds, day " + i + ".").assertedAt(day("2015-07-01"))
                    .recordedAt(at.plusSeconds(i));
            ledger.claim("c-b" + i).says("No curfew, day " + i + ".").assertedAt(day("2015-07-02"))
                    .recordedAt(at.plusSeconds(60 + i));
            ledger.disputed("c-a" + i, "c-b" + i, "Contradicted " + i + ".", day("2015-07-02"), at.plusSeconds(60 + i));
        }
        ledger.amended("c-b2", "No curfew at all, day 2.", null, "Corrected.", day("2015-07-03"), at.plusSeconds(200));
        ledger.retracted("c-a4", "Withdrawn by the outlet.", KNB.id(), day("2015-07-04"), at.plusSeconds(201));

        assertThat(rowReadsByIds(() -> ledger.disputes(now(), null, null))).isZero();
        var page = ledger.disputes(now(), null, null).items();
        assertThat(page).extracting(dispute -> dispute.claim().id() + " " + dispute.byClaim().id() + " "
                + dispute.reason()).containsExactly("c-a0 c-b0 Contradicted 0.", "c-a1 c-b1 Contradicted 1.",
                "c-a2 c-b2 Contradicted 2.", "c-a3 c-b3 Contradicted 3.", "c-a5 c-b5 Contradicted 5.");
        page.forEach(dispute -> {
            assertThat(dispute.claim()).isEqualTo(ledger.claim(dispute.claim().id(), now()));
            assertThat(dispute.byClaim()).isEqualTo(ledger.claim(dispute.byClaim().id(), now()));
        });
        assertThat(page.get(2).byClaim().statement()).isEqualTo("No curfew at all, day 2.");
        assertThat(ledger.disputes(recorded("2026-01-05T10:01:02.500Z"), null, null).items())
                .extracting(dispute -> dispute.claim().id()).containsExactly("c-a0", "c-a1", "c-a2");
    }

    /**
     * A page's claims that changed have their retractions read with those of the claims on the other side of their
     * disputes, off the page (whose retraction ends a dispute's force, for the statuses): one statement, where it was
     * two (docs/benchmarks.md, thirty-sixth round).
     */
    @Test
    void aPageReadsItsRetractionsAndItsCounterpartsInOneStatement() {
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        ledger.claim("c-curfew").says("The curfew holds.").assertedAt(day("2015-07-01")).recordedAt(at);
        ledger.claim("c-other").says("The roads reopen.").assertedAt(day("2015-07-02")).recordedAt(at.plusSeconds(1));
        ledger.claim("c-gone").says("The curfew ends, it was said.").assertedAt(day("2015-07-02"))
                .recordedAt(at.plusSeconds(2));
        ledger.disputed("c-curfew", "c-other", "Contradicted.", day("2015-07-03"), at.plusSeconds(3));
        ledger.retracted("c-gone", "Withdrawn by the outlet.", KNB.id(), day("2015-07-04"), at.plusSeconds(4));

        List<String> statements = statementsRun(() -> ledger.list(now(), text("curfew")));

        assertThat(statements.stream().filter(sql -> sql.contains("from claim_retraction"))).singleElement();
        assertThat(ledger.list(now(), text("curfew")).items()).extracting(view -> view.id() + " " + view.status())
                .containsExactlyInAnyOrder("c-curfew DISPUTED", "c-gone RETRACTED");
        ledger.retracted("c-other", "Withdrawn by the outlet.", KNB.id(), day("2015-07-05"), at.plusSeconds(5));
        assertThat(ledger.claim("c-curfew", now()).status()).as("its disputer retracted").isEqualTo(ClaimStatus.STANDING);
        assertThat(ledger.list(now(), text("curfew")).items()).filteredOn(view -> view.id().equals("c-gone"))
                .singleElement().satisfies(view -> assertThat(view.retraction()).isNotNull());
    }

    /**
     * The current view of a topic walks the topic's index, checks each claim's retraction and reads the rows of the
     * claims on the page in one statement: no claim's row is read again by its id, whichever the axis, page after page
     * (docs/benchmarks.md, thirty-seventh round).
     */
    @Test
    void theCurrentViewOfATopicReadsItsClaimsRowsInItsWalk() {
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        for (int i = 0; i < 12; i++) {
            ledger.claim("c-%02d".formatted(i)).says("The curfew holds, day " + i + ".")
                    .onTopic(i % 4 == 3 ? "Roads" : "Curfew").assertedAt(day("2015-07-01").plusSeconds(60L * (12 - i)))
                    .recordedAt(at.plusSeconds(i));
        }
        ledger.retracted("c-04", "Withdrawn by the outlet.", KNB.id(), day("2015-07-02"), at.plusSeconds(100));
        ledger.amended("c-05", "The curfew holds, amended.", null, "Corrected.", day("2015-07-02"), at.plusSeconds(101));
        ClaimFilter current = ClaimFilter.of(null, null, "curfew", Set.of(ClaimStatus.STANDING, ClaimStatus.DISPUTED));

        List<QueryStatistics.Statement> statements = ledger.db.statementsRun(() -> ledger.pages(now(), current, 3));

        assertThat(rowReadsByIds(() -> ledger.pages(now(), current, 3))).isZero();
        assertThat(statements.stream().filter(statement -> statement.sql().contains("from claim_view c"))
                .mapToLong(QueryStatistics.Statement::executions).sum()).as("one statement a page").isEqualTo(3);
        // page order (narrative time, then id): the claims recorded later were asserted earlier
        assertThat(ledger.pages(now(), current, 3)).containsExactly(List.of("c-10", "c-09", "c-08"),
                List.of("c-06", "c-05", "c-02"), List.of("c-01", "c-00"));
        assertThat(ledger.list(now(), current).items()).allSatisfy(view ->
                assertThat(view).isEqualTo(ledger.claim(view.id(), now())));
        assertThat(ledger.list(now(), current).items()).filteredOn(view -> view.id().equals("c-05")).singleElement()
                .satisfies(view -> assertThat(view.statement()).isEqualTo("The curfew holds, amended."));
        // as recorded by a moment: the claims recorded by then, the retraction and the amendment not yet made
        AsOf early = recorded("2026-01-05T10:00:04.500Z");
        assertThat(rowReadsByIds(() -> ledger.pages(early, current, 2))).isZero();
        assertThat(ledger.pages(early, current, 2)).containsExactly(List.of("c-04", "c-02"), List.of("c-01", "c-00"));
        assertThat(ledger.list(early, current).items()).allSatisfy(view ->
                assertThat(view).isEqualTo(ledger.claim(view.id(), early)));
    }

    /**
     * The whole ledger's list as of a moment on the recorded axis walks the claims in narrative order and tests each
     * one's recording time; as of a moment when few claims were recorded (here at most 3: ClaimLedger's few-matches)
     * it starts from those instead, and no walk tests every claim of the ledger for none (docs/benchmarks.md,
     * thirty-seventh round). As of a later moment, with more recorded, it walks.
     */
    @Test
    void theWholeLedgerAsOfAMomentWhenFewClaimsWereRecordedStartsFromThem() {
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        for (int i = 0; i < 20; i++) {
            // the first recorded are the last in narrative time: a walk would meet them at its end
            ledger.claim("c-%02d".formatted(i)).says("Day " + i + ".").assertedAt(day("2015-07-01").plusSeconds(60L * (20 - i)))
                    .recordedAt(at.plusSeconds(i));
        }
        ledger.retracted("c-00", "Withdrawn by the outlet.", KNB.id(), day("2015-07-02"), at.plusSeconds(1));
        ClaimFilter current = ClaimFilter.of(null, null, null, Set.of(ClaimStatus.STANDING, ClaimStatus.DISPUTED));
        AsOf early = recorded("2026-01-05T10:00:02.500Z");

        List<String> statements = statementsRun(() -> ledger.pages(early, current, 10));

        assertThat(statements).noneMatch(sql -> sql.contains("order by c.occurred_at, c.claim_id limit"));
        assertThat(statements).anyMatch(sql -> sql.contains("c.claim_id in (?"));
        assertThat(ledger.pages(early, current, 10)).containsExactly(List.of("c-02", "c-01"));
        assertThat(ledger.pages(early, noFilter(), 10)).containsExactly(List.of("c-02", "c-01", "c-00"));
        AsOf later = recorded("2026-01-05T10:00:09.500Z");
        assertThat(statementsRun(() -> ledger.pages(later, current, 10)))
                .anyMatch(sql -> sql.contains("order by c.occurred_at, c.claim_id limit"));
        assertThat(ledger.pages(later, current, 4)).containsExactly(List.of("c-09", "c-08", "c-07", "c-06"),
                List.of("c-05", "c-04", "c-03", "c-02"), List.of("c-01"));
    }

    /** The rows every statement of a read handed over, summed. */
    private long rowsRead(Supplier<?> read) {
        return ledger.db.statementsRun(read::get).stream().mapToLong(QueryStatistics.Statement::rows).sum();
    }

    /** How often a read ran a statement reading claims' rows by their ids. */
    private long rowReadsByIds(Supplier<?> read) {
        return ledger.db.statementsRun(read::get).stream()
                .filter(statement -> statement.sql().contains("from claim_view c where c.claim_id in"))
                .mapToLong(QueryStatistics.Statement::executions).sum();
    }

    /** The statements a read ran, as H2 was given them. */
    private List<String> statementsRun(Supplier<?> read) {
        return ledger.db.statementsRun(read::get).stream().map(QueryStatistics.Statement::sql).toList();
    }
}
