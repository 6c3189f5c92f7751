package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimQueries.Diff;
import com.claimledger.claims.api.ClaimQueries.NarrativeDiff;
import com.claimledger.claims.api.ClaimQueries.Pair;
import com.claimledger.claims.api.ClaimQueries.Timeline;
import com.claimledger.claims.api.ClaimQueries.TimelineEntry;
import com.claimledger.claims.api.Rating;
import com.claimledger.kernel.LedgerException;
import com.claimledger.time.AsOf.Axis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.claimledger.claims.query.ClaimLedger.AMIROV;
import static com.claimledger.claims.query.ClaimLedger.BISHKEK;
import static com.claimledger.claims.query.ClaimLedger.GKNB;
import static com.claimledger.claims.query.ClaimLedger.IWPR;
import static com.claimledger.claims.query.ClaimLedger.KAZAKH_GROUP;
import static com.claimledger.claims.query.ClaimLedger.KNB;
import static com.claimledger.claims.query.ClaimLedger.day;
import static com.claimledger.claims.query.ClaimLedger.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the narrative moved, against a real database: the diff between two moments ({@code from < time <= to}) on
 * each axis, and the timeline of a subject or topic in narrative order.
 */
class NarrativeReaderTest {

    private ClaimLedger ledger;

    @BeforeEach
    void freshLedger() {
        ledger = ClaimLedger.fresh();
    }

    @AfterEach
    void dropLedger() {
        ledger.close();
    }

    /**
     * Claims 14 and 15 on Amirov, 16 and 17 on the Kazakh group; in narrative time: 14 disputed by 15 on 21 July,
     * 16 corroborated by 17 on 23 July, 14 amended on 24 and 25 July, the dispute withdrawn on 26 July, 17 retracted
     * on 27 July; in ledger time in the same order, from 5 to 9 January 2026.
     */
    private void givenAMonthOfChanges() {
        ledger.claim("gknb-14").by(GKNB).about(AMIROV.id()).onTopic("amirov-fate")
                .says("Amirov was shot dead in the raid.").recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        ledger.claim("knb-15").byId("kazakh-security-service").about("zhanbolat-amirov").onTopic("amirov-fate")
                .says("Amirov died at the beginning of July.").recordedAt(Instant.parse("2026-01-05T10:01:00Z"));
        ledger.claim("iwpr-16").by(IWPR).about(KAZAKH_GROUP.id()).onTopic("kazakh-group").assertedAt(day("2015-07-22"))
                .says("The pair formed a Kazakh group.").recordedAt(Instant.parse("2026-01-05T10:02:00Z"));
        ledger.claim("knb-17").by(KNB).about(KAZAKH_GROUP.id()).onTopic("kazakh-group").assertedAt(day("2015-07-23"))
                .says("The group had a leader in Almaty.").recordedAt(Instant.parse("2026-01-06T09:00:00Z"));
        ledger.disputed("gknb-14", "knb-15", "He died before the raid.", day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z"));
        ledger.corroborated("iwpr-16", "knb-17", "Same group.", day("2015-07-23"), Instant.parse("2026-01-06T11:00:00Z"));
        ledger.amended("gknb-14", "Amirov was reported shot dead in the raid.", null, "A report.", day("2015-07-24"),
                Instant.parse("2026-01-07T10:00:00Z"));
        ledger.amended("gknb-14", "Amirov was reported killed in the raid.", null, "Softer.", day("2015-07-25"),
                Instant.parse("2026-01-07T11:00:00Z"));
        ledger.withdrawn("gknb-14", "knb-15", "Recorded in error.", day("2015-07-26"), Instant.parse("2026-01-08T10:00:00Z"));
        ledger.retracted("knb-17", "Denied.", KNB.id(), day("2015-07-27"), Instant.parse("2026-01-09T10:00:00Z"));
    }

    private Diff diff(Instant from, Instant to, Axis axis) {
        return ledger.projection.diff(new NarrativeDiff(from, to, axis));
    }

    private static Diff diff(List<String> recorded, List<Pair> disputed, List<Pair> corroborated, List<String> amended,
                             List<String> retracted, List<Pair> withdrawn) {
        return new Diff(recorded, disputed, corroborated, amended, retracted, withdrawn);
    }

    @Test
    void theDiffInNarrativeTimeHasEveryKindOfChangeBetweenTheTwoMoments() {
        givenAMonthOfChanges();

        // the end of 20 July to the end of 31 July: everything but the recording of 14 and 15 (at the start of 20 July)
        assertThat(diff(published("2015-07-20").at(), published("2015-07-31").at(), Axis.PUBLISHED)).isEqualTo(diff(
                List.of("iwpr-16", "knb-17"), List.of(new Pair("gknb-14", "knb-15")), List.of(new Pair("iwpr-16", "knb-17")),
                List.of("gknb-14"), List.of("knb-17"), List.of(new Pair("gknb-14", "knb-15"))));
        assertThat(diff(published("2015-07-19").at(), published("2015-07-20").at(), Axis.PUBLISHED)).isEqualTo(diff(
                List.of("gknb-14", "knb-15"), List.of(), List.of(), List.of(), List.of(), List.of()));
        // a withdrawal is its own change: the dispute it ends was made before
        assertThat(diff(published("2015-07-25").at(), published("2015-07-26").at(), Axis.PUBLISHED)).isEqualTo(diff(
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(new Pair("gknb-14", "knb-15"))));
        assertThat(diff(published("2015-07-27").at(), published("2015-07-31").at(), Axis.PUBLISHED)).isEqualTo(diff(
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void theDiffExcludesItsFromAndIncludesItsTo() {
        givenAMonthOfChanges();

        // from the instant of the dispute to the instant 17 was asserted and corroborated 16
        assertThat(diff(day("2015-07-21"), day("2015-07-23"), Axis.PUBLISHED)).isEqualTo(diff(
                List.of("iwpr-16", "knb-17"), List.of(), List.of(new Pair("iwpr-16", "knb-17")), List.of(), List.of(), List.of()));
        assertThat(diff(day("2015-07-21").minusMillis(1), day("2015-07-21"), Axis.PUBLISHED).disputed())
                .containsExactly(new Pair("gknb-14", "knb-15"));
        assertThat(diff(day("2015-07-26"), day("2015-07-27"), Axis.PUBLISHED)).as("withdrawn at from, retracted at to")
                .isEqualTo(diff(List.of(), List.of(), List.of(), List.of(), List.of("knb-17"), List.of()));
    }

    @Test
    void theDiffInLedgerTimeTakesEachChangeAtItsRecording() {
        givenAMonthOfChanges();

        // 17 recorded at 09:00, before the window; the withdrawal exactly at its end
        assertThat(diff(Instant.parse("2026-01-06T09:00:00Z"), Instant.parse("2026-01-08T10:00:00Z"), Axis.RECORDED))
                .isEqualTo(diff(List.of(), List.of(new Pair("gknb-14", "knb-15")), List.of(new Pair("iwpr-16", "knb-17")),
                        List.of("gknb-14"), List.of(), List.of(new Pair("gknb-14", "knb-15"))));
        assertThat(diff(Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-06T09:00:00Z"), Axis.RECORDED))
                .isEqualTo(diff(List.of("gknb-14", "knb-15", "iwpr-16", "knb-17"), List.of(), List.of(), List.of(),
                        List.of(), List.of()));
        assertThat(diff(Instant.parse("2026-01-08T10:00:00Z"), Instant.parse("2026-01-10T00:00:00Z"), Axis.RECORDED))
                .isEqualTo(diff(List.of(), List.of(), List.of(), List.of(), List.of("knb-17"), List.of()));
        // the whole of July 2015 in ledger time: the ledger was not running
        assertThat(diff(published("2015-06-30").at(), published("2015-07-31").at(), Axis.RECORDED))
                .isEqualTo(diff(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void theTimelineOfASubjectUnderAnyOfItsNamesIsInNarrativeOrder() {
        givenAMonthOfChanges();
        // 15, about Amirov, also corroborates 16, which is not
        ledger.corroborated("iwpr-16", "knb-15", null, day("2015-07-22"), Instant.parse("2026-01-09T11:00:00Z"));
        ledger.reviewed("knb-15", Rating.MIXED, "Sources differ.", "desk", Instant.parse("2026-01-09T12:00:00Z"));

        List<TimelineEntry> entries = ledger.projection.timeline(new Timeline("Zhanbolat Amirov", null)).entries();

        assertThat(entries).containsExactly(
                new TimelineEntry(day("2015-07-20"), Instant.parse("2026-01-05T10:00:00Z"), "ClaimRecorded", "gknb-14",
                        "GKNB: Amirov was shot dead in the raid."),
                new TimelineEntry(day("2015-07-20"), Instant.parse("2026-01-05T10:01:00Z"), "ClaimRecorded", "knb-15",
                        "National Security Committee of Kazakhstan: Amirov died at the beginning of July."),
                new TimelineEntry(day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z"), "ClaimDisputed", "gknb-14",
                        "disputed by knb-15: He died before the raid."),
                new TimelineEntry(day("2015-07-22"), Instant.parse("2026-01-09T11:00:00Z"), "ClaimCorroborated", "iwpr-16",
                        "corroborated by knb-15"),
                new TimelineEntry(day("2015-07-24"), Instant.parse("2026-01-07T10:00:00Z"), "ClaimAmended", "gknb-14",
                        "amended to: Amirov was reported shot dead in the raid. (A report.)"),
                new TimelineEntry(day("2015-07-25"), Instant.parse("2026-01-07T11:00:00Z"), "ClaimAmended", "gknb-14",
                        "amended to: Amirov was reported killed in the raid. (Softer.)"),
                new TimelineEntry(day("2015-07-26"), Instant.parse("2026-01-08T10:00:00Z"), "DisputeWithdrawn", "gknb-14",
                        "dispute by knb-15 withdrawn: Recorded in error."),
                new TimelineEntry(Instant.parse("2026-01-09T12:00:00Z"), Instant.parse("2026-01-09T12:00:00Z"),
                        "ClaimReviewed", "knb-15", "reviewed MIXED: Sources differ."));
        assertThat(ledger.projection.timeline(new Timeline("Janbolat Amirov", null)).entries()).isEqualTo(entries);
        assertThat(ledger.projection.timeline(new Timeline("Atlantis", null)).entries()).isEmpty();
    }

    @Test
    void theTimelineOfATopicBreaksTiesByLedgerTimeThenClaim() {
        givenAMonthOfChanges();
        ledger.claim("iwpr-16b").by(IWPR).onTopic("kazakh-group").assertedAt(day("2015-07-23"))
                .says("The group met in Almaty.").recordedAt(Instant.parse("2026-01-06T09:00:00Z"));

        List<TimelineEntry> entries = ledger.projection.timeline(new Timeline(null, "Kazakh-Group")).entries();

        assertThat(entries).extracting(e -> e.type() + " " + e.claimId()).containsExactly(
                "ClaimRecorded iwpr-16",
                // 23 July: 16b and 17 recorded at the same ledger time, by claim id; the corroboration recorded later
                "ClaimRecorded iwpr-16b",
                "ClaimRecorded knb-17",
                "ClaimCorroborated iwpr-16",
                "ClaimRetracted knb-17");
        assertThat(entries.get(entries.size() - 1).summary()).isEqualTo("retracted: Denied.");
        assertThat(ledger.projection.timeline(new Timeline("Kazakh group", "amirov-fate")).entries()).isEmpty();
    }

    @Test
    void aTimelineOfMoreClaimsThanOneStatementNamesHasEachChangeOnce() {
        // Claims about Bishkek, more than one batch of ids; disputes and corroborations within and across batches
        int claims = NarrativeReader.IDS_A_STATEMENT + 5;
        for (int i = 0; i < claims; i++) {
            ledger.claim(String.format("b-%05d", i)).by(IWPR).about(BISHKEK.id()).assertedAt(day("2015-07-20"))
                    .says("Claim " + i + " on Bishkek.").recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
        }
        ledger.disputed("b-00000", String.format("b-%05d", claims - 1), null, day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z"));
        ledger.disputed("b-00001", "b-00002", null, day("2015-07-21"), Instant.parse("2026-01-06T10:01:00Z"));
        ledger.withdrawn("b-00001", "b-00002", null, day("2015-07-22"), Instant.parse("2026-01-06T10:02:00Z"));
        ledger.disputed("b-00001", "b-00002", "Again.", day("2015-07-23"), Instant.parse("2026-01-06T10:03:00Z"));
        ledger.corroborated(String.format("b-%05d", claims - 2), "b-00003", null, day("2015-07-24"), Instant.parse("2026-01-06T10:04:00Z"));
        // one end outside the subject's claims
        ledger.claim("elsewhere").by(IWPR).about(KAZAKH_GROUP.id()).assertedAt(day("2015-07-20"))
                .recordedAt(Instant.parse("2026-01-05T09:00:00Z"));
        ledger.corroborated("elsewhere", "b-00004", null, day("2015-07-25"), Instant.parse("2026-01-06T10:05:00Z"));

        List<TimelineEntry> entries = ledger.projection.timeline(new Timeline("Bishkek", null)).entries();

        assertThat(entries).filteredOn(e -> e.type().equals("ClaimRecorded")).hasSize(claims);
        assertThat(entries).filteredOn(e -> !e.type().equals("ClaimRecorded"))
                .extracting(e -> e.type() + " " + e.claimId() + " " + e.summary()).containsExactly(
                        "ClaimDisputed b-00000 disputed by b-%05d".formatted(claims - 1),
                        "ClaimDisputed b-00001 disputed by b-00002",
                        "DisputeWithdrawn b-00001 dispute by b-00002 withdrawn",
                        "ClaimDisputed b-00001 disputed by b-00002: Again.",
                        "ClaimCorroborated b-%05d corroborated by b-00003".formatted(claims - 2),
                        "ClaimCorroborated elsewhere corroborated by b-00004");
    }

    @Test
    void aTimelineOfMoreClaimsThanItMayTellOfIsRefusedAndNamesWhatToNarrow() {
        try (ClaimLedger small = ClaimLedger.freshWithTimelinesOf(2)) {
            for (int i = 0; i < 3; i++) {
                small.claim("b-" + i).by(IWPR).about(BISHKEK.id()).onTopic(i == 0 ? "one" : "two")
                        .recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
            }
            assertThat(small.projection.timeline(new Timeline("Bishkek", "two")).entries()).hasSize(2);
            assertThat(small.projection.timeline(new Timeline(null, "one")).entries()).hasSize(1);
            for (Timeline tooMany : List.of(new Timeline("Bishkek", null), new Timeline(null, null))) {
                assertThatThrownBy(() -> small.projection.timeline(tooMany))
                        .isInstanceOfSatisfying(LedgerException.class, e -> {
                            assertThat(e.kind()).isEqualTo(LedgerException.Kind.UNPROCESSABLE);
                            assertThat(e.getMessage()).contains("at most 2 claims").contains("narrow it by subject or topic");
                        });
            }
        }
    }
}
