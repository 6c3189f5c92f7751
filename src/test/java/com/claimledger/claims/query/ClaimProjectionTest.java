package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimView;
import com.claimledger.claims.api.ClaimView.Amendment;
import com.claimledger.claims.api.ClaimView.CorroborationLink;
import com.claimledger.claims.api.ClaimView.DisputeLink;
import com.claimledger.claims.api.ClaimView.Retraction;
import com.claimledger.claims.api.ClaimView.Review;
import com.claimledger.claims.api.Rating;
import com.claimledger.ledger.projection.ProjectionDigest;
import com.claimledger.time.EventTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static com.claimledger.claims.api.ClaimStatus.DISPUTED;
import static com.claimledger.claims.api.ClaimStatus.RETRACTED;
import static com.claimledger.claims.api.ClaimStatus.STANDING;
import static com.claimledger.claims.query.ClaimLedger.AMIROV;
import static com.claimledger.claims.query.ClaimLedger.GKNB;
import static com.claimledger.claims.query.ClaimLedger.IWPR;
import static com.claimledger.claims.query.ClaimLedger.KNB;
import static com.claimledger.claims.query.ClaimLedger.day;
import static com.claimledger.claims.query.ClaimLedger.now;
import static com.claimledger.claims.query.ClaimLedger.published;
import static com.claimledger.claims.query.ClaimLedger.recorded;
import static com.claimledger.claims.query.ClaimLedger.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim projection against a real database: events given to its handlers with their ledger times, then claims
 * read as of moments on both axes (narrative time {@code published}, ledger time {@code recorded}). The story is the
 * seed's central conflict: the GKNB says Amirov was shot dead in the Bishkek raid (claim 14), the Kazakh security
 * service says he had died at the beginning of July (claim 15).
 */
class ClaimProjectionTest {

    static final String SHOT_IN_RAID = "iwpr-ky-14-gknb-amirov-shot-in-raid";
    static final String DIED_EARLY_JULY = "iwpr-ky-15-knb-amirov-died-early-july";

    private ClaimLedger ledger;

    @BeforeEach
    void freshLedger() {
        ledger = ClaimLedger.fresh();
    }

    @AfterEach
    void dropLedger() {
        ledger.close();
    }

    /** Both claims asserted in the article of 20 July 2015, recorded by the ledger on 5 January 2026. */
    private void givenTheTwoClaimsOnAmirovsFate() {
        ledger.claim(SHOT_IN_RAID).by(GKNB).about(AMIROV.id()).onTopic("amirov-fate")
                .says("Amirov was one of the people shot dead in the Bishkek raid.")
                .quoting("he was among those shot dead during the raid")
                .recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        // Recorded under the id of the Kazakh service's second registration, since merged into knb-kazakhstan; the
        // subject likewise under the merged spelling of Amirov's name.
        ledger.claim(DIED_EARLY_JULY).byId("kazakh-security-service").about("zhanbolat-amirov").onTopic("amirov-fate")
                .says("Amirov died at the beginning of July.")
                .happened(new EventTime(LocalDate.parse("2015-07-01"), LocalDate.parse("2015-07-10"), "at the beginning of July"))
                .recordedAt(Instant.parse("2026-01-05T10:01:00Z"));
    }

    /**
     * In narrative time: disputed on 21 July, withdrawn on 25 July, disputed again on 28 July, claim 14 retracted on
     * 31 July; in ledger time each a day apart from 6 January 2026.
     */
    private void givenTheDisputeWithdrawnDisputedAgainAndRetracted() {
        givenTheTwoClaimsOnAmirovsFate();
        ledger.disputed(SHOT_IN_RAID, DIED_EARLY_JULY, "He died before the raid.", day("2015-07-21"),
                Instant.parse("2026-01-06T10:00:00Z"));
        ledger.withdrawn(SHOT_IN_RAID, DIED_EARLY_JULY, "Recorded in error.", day("2015-07-25"),
                Instant.parse("2026-01-07T10:00:00Z"));
        ledger.disputed(SHOT_IN_RAID, DIED_EARLY_JULY, "The KNB repeats it.", day("2015-07-28"),
                Instant.parse("2026-01-08T10:00:00Z"));
        ledger.retracted(SHOT_IN_RAID, "The GKNB no longer says Amirov died in the raid.", GKNB.id(), day("2015-07-31"),
                Instant.parse("2026-01-09T10:00:00Z"));
    }

    @Test
    void aClaimIsInTheViewFromItsOwnTimeOnEachAxis() {
        givenTheTwoClaimsOnAmirovsFate();

        // published axis: asserted at the start of 20 July
        assertThat(ledger.find(SHOT_IN_RAID, published("2015-07-19"))).isEmpty();
        assertThat(ledger.find(SHOT_IN_RAID, ClaimLedger.publishedAt(day("2015-07-20")))).isPresent();
        assertThat(ledger.find(SHOT_IN_RAID, published("2015-07-20"))).isPresent();
        // recorded axis: the ledger held nothing in July 2015, and the claim from the millisecond it was stored
        assertThat(ledger.find(SHOT_IN_RAID, recorded("2015-07-20T23:59:59.999Z"))).isEmpty();
        assertThat(ledger.find(SHOT_IN_RAID, recorded("2026-01-05T09:59:59.999Z"))).isEmpty();
        assertThat(ledger.find(SHOT_IN_RAID, recorded("2026-01-05T10:00:00Z"))).isPresent();
        assertThat(ledger.find(DIED_EARLY_JULY, recorded("2026-01-05T10:00:00Z"))).isEmpty();
        assertThat(ledger.find(DIED_EARLY_JULY, recorded("2026-01-05T10:01:00Z"))).isPresent();
        assertThat(ledger.find("no-such-claim", now())).isEmpty();
    }

    @Test
    void aClaimIsServedAsRecordedWithItsEntitiesAsTheirCanonicalSelves() {
        givenTheTwoClaimsOnAmirovsFate();

        ClaimView gknb = ledger.claim(SHOT_IN_RAID, now());
        assertThat(gknb.id()).isEqualTo(SHOT_IN_RAID);
        assertThat(gknb.articleId()).isEqualTo(ClaimLedger.ARTICLE);
        assertThat(gknb.statement()).isEqualTo("Amirov was one of the people shot dead in the Bishkek raid.");
        assertThat(gknb.quote()).isEqualTo("he was among those shot dead during the raid");
        assertThat(gknb.attributedTo()).isEqualTo(ref(GKNB));
        assertThat(gknb.subjects()).containsExactly(ref(AMIROV));
        assertThat(gknb.topic()).isEqualTo("amirov-fate");
        assertThat(gknb.assertedAt()).isEqualTo(day("2015-07-20"));
        assertThat(gknb.recordedAt()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
        assertThat(gknb.eventTime()).isNull();
        assertThat(gknb.status()).isEqualTo(STANDING);
        assertThat(gknb.version()).isZero();
        assertThat(gknb.disputes()).isEmpty();
        assertThat(gknb.corroborations()).isEmpty();
        assertThat(gknb.amendments()).isEmpty();
        assertThat(gknb.retraction()).isNull();
        assertThat(gknb.reviews()).isEmpty();

        // recorded under merged ids: served as the canonical entities, whatever the moment
        ClaimView knb = ledger.claim(DIED_EARLY_JULY, published("2015-07-20"));
        assertThat(knb.attributedTo()).isEqualTo(ref(KNB));
        assertThat(knb.subjects()).containsExactly(ref(AMIROV));
        assertThat(knb.quote()).isNull();
        assertThat(knb.eventTime()).isEqualTo(new EventTime(LocalDate.parse("2015-07-01"), LocalDate.parse("2015-07-10"),
                "at the beginning of July"));
    }

    @Test
    void subjectsThatTurnOutToBeOneEntityAreServedOnce() {
        ledger.claim("iwpr-ky-13-gknb-amirov-led-group").about(AMIROV.id(), "zhanbolat-amirov", "bishkek")
                .recordedAt(Instant.parse("2026-01-05T10:00:00Z"));

        assertThat(ledger.claim("iwpr-ky-13-gknb-amirov-led-group", now()).subjects())
                .containsExactly(ref(AMIROV), ref(ClaimLedger.BISHKEK));
    }

    @Test
    void aDisputeMarksBothClaimsAndEachSaysWhichSideItIsOn() {
        givenTheTwoClaimsOnAmirovsFate();
        ledger.disputed(SHOT_IN_RAID, DIED_EARLY_JULY, "He died before the raid.", day("2015-07-21"),
                Instant.parse("2026-01-06T10:00:00Z"));

        ClaimView disputed = ledger.claim(SHOT_IN_RAID, published("2015-07-21"));
        ClaimView disputing = ledger.claim(DIED_EARLY_JULY, published("2015-07-21"));
        assertThat(disputed.status()).isEqualTo(DISPUTED);
        assertThat(disputing.status()).isEqualTo(DISPUTED);
        assertThat(disputed.disputes()).containsExactly(
                new DisputeLink(DIED_EARLY_JULY, "DISPUTED_BY", "He died before the raid.", day("2015-07-21"), false));
        assertThat(disputing.disputes()).containsExactly(
                new DisputeLink(SHOT_IN_RAID, "DISPUTES", "He died before the raid.", day("2015-07-21"), false));
        // the day before, the dispute had not been made
        assertThat(ledger.claim(SHOT_IN_RAID, published("2015-07-20")).disputes()).isEmpty();
        assertThat(ledger.status(DIED_EARLY_JULY, published("2015-07-20"))).isEqualTo(STANDING);
    }

    @Test
    void statusAsOfEachMomentInNarrativeTime() {
        givenTheDisputeWithdrawnDisputedAgainAndRetracted();

        assertThat(statuses(published("2015-07-20"))).containsExactly(STANDING, STANDING);
        assertThat(statuses(published("2015-07-21"))).containsExactly(DISPUTED, DISPUTED);
        assertThat(statuses(published("2015-07-24"))).containsExactly(DISPUTED, DISPUTED);
        assertThat(statuses(published("2015-07-25"))).containsExactly(STANDING, STANDING);
        assertThat(statuses(published("2015-07-28"))).containsExactly(DISPUTED, DISPUTED);
        assertThat(statuses(published("2015-07-30"))).containsExactly(DISPUTED, DISPUTED);
        // retracted: claim 14 leaves the dispute, and claim 15 has no other, so it stands again
        assertThat(statuses(published("2015-07-31"))).containsExactly(RETRACTED, STANDING);
        assertThat(statuses(now())).containsExactly(RETRACTED, STANDING);
    }

    @Test
    void statusAsOfEachMomentInLedgerTime() {
        givenTheDisputeWithdrawnDisputedAgainAndRetracted();

        assertThat(statuses(recorded("2026-01-06T09:59:59.999Z"))).containsExactly(STANDING, STANDING);
        assertThat(statuses(recorded("2026-01-06T10:00:00Z"))).containsExactly(DISPUTED, DISPUTED);
        assertThat(statuses(recorded("2026-01-07T10:00:00Z"))).containsExactly(STANDING, STANDING);
        assertThat(statuses(recorded("2026-01-08T10:00:00Z"))).containsExactly(DISPUTED, DISPUTED);
        // the retraction dated 31 July 2015 was recorded only on 9 January 2026
        assertThat(statuses(recorded("2026-01-09T09:59:59.999Z"))).containsExactly(DISPUTED, DISPUTED);
        assertThat(statuses(recorded("2026-01-09T10:00:00Z"))).containsExactly(RETRACTED, STANDING);
    }

    @Test
    void aWithdrawnDisputeStaysInTheClaimsDisputesMarkedWithdrawn() {
        givenTheDisputeWithdrawnDisputedAgainAndRetracted();

        assertThat(ledger.claim(SHOT_IN_RAID, published("2015-07-24")).disputes()).extracting(DisputeLink::withdrawn)
                .containsExactly(false);
        assertThat(ledger.claim(SHOT_IN_RAID, published("2015-07-25")).disputes()).containsExactly(
                new DisputeLink(DIED_EARLY_JULY, "DISPUTED_BY", "He died before the raid.", day("2015-07-21"), true));
        // the new round is a second dispute of the same pair
        assertThat(ledger.claim(DIED_EARLY_JULY, published("2015-07-28")).disputes()).containsExactly(
                new DisputeLink(SHOT_IN_RAID, "DISPUTES", "He died before the raid.", day("2015-07-21"), true),
                new DisputeLink(SHOT_IN_RAID, "DISPUTES", "The KNB repeats it.", day("2015-07-28"), false));
        // on the recorded axis the withdrawal counts from its own ledger time
        assertThat(ledger.claim(SHOT_IN_RAID, recorded("2026-01-07T09:59:59.999Z")).disputes())
                .extracting(DisputeLink::withdrawn).containsExactly(false);
        assertThat(ledger.claim(SHOT_IN_RAID, recorded("2026-01-07T10:00:00Z")).disputes())
                .extracting(DisputeLink::withdrawn).containsExactly(true);
    }

    @Test
    void aRetractionIsServedFromItsTimeOnEachAxis() {
        givenTheDisputeWithdrawnDisputedAgainAndRetracted();

        Retraction retraction = new Retraction("The GKNB no longer says Amirov died in the raid.", ref(GKNB), day("2015-07-31"));
        assertThat(ledger.claim(SHOT_IN_RAID, published("2015-07-30")).retraction()).isNull();
        assertThat(ledger.claim(SHOT_IN_RAID, published("2015-07-31")).retraction()).isEqualTo(retraction);
        assertThat(ledger.claim(SHOT_IN_RAID, recorded("2026-01-09T09:59:59.999Z")).retraction()).isNull();
        assertThat(ledger.claim(SHOT_IN_RAID, recorded("2026-01-09T10:00:00Z")).retraction()).isEqualTo(retraction);
    }

    @Test
    void aDisputeStopsBeingInForceWhenTheDisputingClaimIsRetracted() {
        // claim 16 is disputed by claims 17 and 18
        ledger.claim("iwpr-ky-16-reports-pair-formed-kazakh-group").by(IWPR).recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        ledger.claim("iwpr-ky-17-knb-denies-kazakh-group").by(KNB).recordedAt(Instant.parse("2026-01-05T10:01:00Z"));
        ledger.claim("iwpr-ky-18-knb-pair-planned-syria-trip").by(KNB).recordedAt(Instant.parse("2026-01-05T10:02:00Z"));
        ledger.disputed("iwpr-ky-16-reports-pair-formed-kazakh-group", "iwpr-ky-17-knb-denies-kazakh-group", null,
                day("2015-07-20"), Instant.parse("2026-01-06T10:00:00Z"));
        ledger.disputed("iwpr-ky-16-reports-pair-formed-kazakh-group", "iwpr-ky-18-knb-pair-planned-syria-trip", null,
                day("2015-07-22"), Instant.parse("2026-01-06T10:01:00Z"));
        ledger.retracted("iwpr-ky-17-knb-denies-kazakh-group", "Recorded in error.", KNB.id(), day("2015-07-21"),
                Instant.parse("2026-01-07T10:00:00Z"));
        ledger.retracted("iwpr-ky-18-knb-pair-planned-syria-trip", "Recorded in error.", KNB.id(), day("2015-07-23"),
                Instant.parse("2026-01-07T10:01:00Z"));

        assertThat(ledger.status("iwpr-ky-16-reports-pair-formed-kazakh-group", published("2015-07-20"))).isEqualTo(DISPUTED);
        // 17, the disputing claim, retracted: its dispute ends, and 16 has no other yet
        assertThat(ledger.status("iwpr-ky-16-reports-pair-formed-kazakh-group", published("2015-07-21"))).isEqualTo(STANDING);
        assertThat(ledger.status("iwpr-ky-17-knb-denies-kazakh-group", published("2015-07-21"))).isEqualTo(RETRACTED);
        // disputed by 18 while 18 stands
        assertThat(ledger.status("iwpr-ky-16-reports-pair-formed-kazakh-group", published("2015-07-22"))).isEqualTo(DISPUTED);
        assertThat(ledger.status("iwpr-ky-18-knb-pair-planned-syria-trip", published("2015-07-22"))).isEqualTo(DISPUTED);
        assertThat(ledger.status("iwpr-ky-16-reports-pair-formed-kazakh-group", published("2015-07-23"))).isEqualTo(STANDING);
        // in ledger time, both retractions came after both disputes
        assertThat(ledger.status("iwpr-ky-16-reports-pair-formed-kazakh-group", recorded("2026-01-07T10:00:00Z"))).isEqualTo(DISPUTED);
        assertThat(ledger.status("iwpr-ky-16-reports-pair-formed-kazakh-group", recorded("2026-01-07T10:01:00Z"))).isEqualTo(STANDING);
    }

    @Test
    void anAmendmentIsTheCurrentWordingFromItsTimeAndTheOldWordingStaysInHistory() {
        givenTheTwoClaimsOnAmirovsFate();
        ledger.disputed(SHOT_IN_RAID, DIED_EARLY_JULY, null, day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z"));
        // recorded after the dispute, but dated the day after it in narrative time
        ledger.amended(SHOT_IN_RAID, "Amirov was reported shot dead in the Bishkek raid.", null,
                "The GKNB's words were a report, not a finding.", day("2015-07-22"), Instant.parse("2026-01-09T10:00:00Z"));
        ledger.amended(SHOT_IN_RAID, "Amirov was reported killed in the Bishkek raid.", "among those killed",
                "Wording of the English edition.", day("2015-07-23"), Instant.parse("2026-01-09T11:00:00Z"));

        Amendment first = new Amendment("Amirov was reported shot dead in the Bishkek raid.", null,
                "The GKNB's words were a report, not a finding.", day("2015-07-22"));
        Amendment second = new Amendment("Amirov was reported killed in the Bishkek raid.", "among those killed",
                "Wording of the English edition.", day("2015-07-23"));

        ClaimView asRecorded = ledger.claim(SHOT_IN_RAID, published("2015-07-21"));
        assertThat(asRecorded.statement()).isEqualTo("Amirov was one of the people shot dead in the Bishkek raid.");
        assertThat(asRecorded.quote()).isEqualTo("he was among those shot dead during the raid");
        assertThat(asRecorded.amendments()).isEmpty();

        ClaimView onceAmended = ledger.claim(SHOT_IN_RAID, published("2015-07-22"));
        assertThat(onceAmended.statement()).isEqualTo(first.statement());
        assertThat(onceAmended.quote()).as("an amendment without a quote empties it").isNull();
        assertThat(onceAmended.amendments()).containsExactly(first);
        assertThat(onceAmended.status()).isEqualTo(DISPUTED);

        ClaimView twiceAmended = ledger.claim(SHOT_IN_RAID, published("2015-07-23"));
        assertThat(twiceAmended.statement()).isEqualTo(second.statement());
        assertThat(twiceAmended.quote()).isEqualTo("among those killed");
        assertThat(twiceAmended.amendments()).containsExactly(first, second);

        // in ledger time the amendments came after the dispute
        ClaimView whenDisputed = ledger.claim(SHOT_IN_RAID, recorded("2026-01-08T00:00:00Z"));
        assertThat(whenDisputed.statement()).isEqualTo("Amirov was one of the people shot dead in the Bishkek raid.");
        assertThat(whenDisputed.status()).isEqualTo(DISPUTED);
        assertThat(ledger.claim(SHOT_IN_RAID, recorded("2026-01-09T10:30:00Z")).amendments()).containsExactly(first);
        assertThat(ledger.claim(SHOT_IN_RAID, recorded("2026-01-09T11:00:00Z")).amendments()).containsExactly(first, second);
    }

    @Test
    void aClaimNeverAmendedIsServedFromItsOwnRowAndOnlyAnAmendedOnesWordingsAreRead() {
        givenTheTwoClaimsOnAmirovsFate();
        ledger.amended(SHOT_IN_RAID, "Amirov was reported shot dead in the Bishkek raid.", null,
                "The GKNB's words were a report, not a finding.", day("2015-07-22"), Instant.parse("2026-01-09T10:00:00Z"));
        // The claim_view row holds the claim as recorded and counts its amendments (V26).
        assertThat(ledger.db.jdbc().queryForList("""
                select claim_id, statement, quote, subject_ids, amendments from claim_view order by claim_id""",
                java.util.Map.of())).extracting(row -> row.get("CLAIM_ID") + "|" + row.get("STATEMENT") + "|"
                        + row.get("QUOTE") + "|" + row.get("SUBJECT_IDS") + "|" + row.get("AMENDMENTS"))
                .containsExactly(
                        SHOT_IN_RAID + "|Amirov was one of the people shot dead in the Bishkek raid."
                                + "|he was among those shot dead during the raid|" + AMIROV.id() + "|1",
                        DIED_EARLY_JULY + "|Amirov died at the beginning of July.|null|zhanbolat-amirov|0");
        // ...and only there: claim_wording holds the amendments, numbered from 1 (V27).
        assertThat(ledger.db.jdbc().queryForList("select claim_id || '|' || revision || '|' || statement"
                + " from claim_wording", java.util.Map.of(), String.class)).containsExactly(
                SHOT_IN_RAID + "|1|Amirov was reported shot dead in the Bishkek raid.");

        // Without its subject and wording rows the claim never amended is served whole: a page of claims reads one
        // row a claim, not three (at 10^6 each a page of the file, docs/benchmarks.md, twenty-second round).
        ledger.db.jdbc().update("delete from claim_subject", java.util.Map.of());
        ledger.db.jdbc().update("delete from claim_wording where claim_id = :id", java.util.Map.of("id", DIED_EARLY_JULY));
        ClaimView knb = ledger.claim(DIED_EARLY_JULY, now());
        assertThat(knb.statement()).isEqualTo("Amirov died at the beginning of July.");
        assertThat(knb.quote()).isNull();
        assertThat(knb.subjects()).containsExactly(ref(AMIROV));
        assertThat(knb.amendments()).isEmpty();

        // The amended claim's wording as recorded comes from its row, its amendments from claim_wording, as of the
        // moment read.
        ledger.db.jdbc().update("update claim_view set statement = 'from its row' where claim_id = :id",
                java.util.Map.of("id", SHOT_IN_RAID));
        ledger.db.jdbc().update("update claim_wording set statement = 'from claim_wording' where claim_id = :id",
                java.util.Map.of("id", SHOT_IN_RAID));
        assertThat(ledger.claim(SHOT_IN_RAID, published("2015-07-21")).statement()).isEqualTo("from its row");
        assertThat(ledger.claim(SHOT_IN_RAID, published("2015-07-21")).amendments()).isEmpty();
        ClaimView amended = ledger.claim(SHOT_IN_RAID, now());
        assertThat(amended.statement()).isEqualTo("from claim_wording");
        assertThat(amended.amendments()).extracting(Amendment::statement).containsExactly("from claim_wording");
        assertThat(amended.subjects()).containsExactly(ref(AMIROV));
        assertThat(ledger.list(now(), ClaimLedger.noFilter()).items()).extracting(ClaimView::statement)
                .contains("Amirov died at the beginning of July.", "from claim_wording");
    }

    @Test
    void reviewsAreServedFromTheirRecordingAndLeaveTheStatusAlone() {
        givenTheTwoClaimsOnAmirovsFate();
        ledger.reviewed(SHOT_IN_RAID, Rating.UNPROVEN, "No independent confirmation of the death.", "desk",
                Instant.parse("2026-01-06T10:00:00Z"));
        ledger.reviewed(SHOT_IN_RAID, Rating.MOSTLY_FALSE, "The KNB's account is better sourced.", null,
                Instant.parse("2026-01-07T10:00:00Z"));

        Review unproven = new Review(Rating.UNPROVEN, "No independent confirmation of the death.", "desk",
                Instant.parse("2026-01-06T10:00:00Z"));
        Review mostlyFalse = new Review(Rating.MOSTLY_FALSE, "The KNB's account is better sourced.", null,
                Instant.parse("2026-01-07T10:00:00Z"));
        // a review's narrative time is its recording time: July 2015 had none
        assertThat(ledger.claim(SHOT_IN_RAID, published("2015-07-31")).reviews()).isEmpty();
        assertThat(ledger.claim(SHOT_IN_RAID, recorded("2026-01-06T12:00:00Z")).reviews()).containsExactly(unproven);
        assertThat(ledger.claim(SHOT_IN_RAID, now()).reviews()).containsExactly(unproven, mostlyFalse);
        assertThat(ledger.status(SHOT_IN_RAID, now())).isEqualTo(STANDING);
        assertThat(ledger.claim(DIED_EARLY_JULY, now()).reviews()).isEmpty();
    }

    @Test
    void aCorroborationIsServedOnBothClaimsAndLeavesTheStatusAlone() {
        ledger.claim("iwpr-ky-01-gknb-raid-killed-six").by(GKNB).recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        ledger.claim("iwpr-ky-24-witness-heard-shooting").by(IWPR).assertedAt(day("2015-07-21"))
                .recordedAt(Instant.parse("2026-01-05T10:01:00Z"));
        ledger.corroborated("iwpr-ky-01-gknb-raid-killed-six", "iwpr-ky-24-witness-heard-shooting", "Same night, same street.",
                day("2015-07-22"), Instant.parse("2026-01-06T10:00:00Z"));

        assertThat(ledger.claim("iwpr-ky-01-gknb-raid-killed-six", published("2015-07-21")).corroborations()).isEmpty();
        assertThat(ledger.claim("iwpr-ky-01-gknb-raid-killed-six", recorded("2026-01-06T09:59:59.999Z")).corroborations()).isEmpty();
        ClaimView corroborated = ledger.claim("iwpr-ky-01-gknb-raid-killed-six", published("2015-07-22"));
        ClaimView corroborating = ledger.claim("iwpr-ky-24-witness-heard-shooting", recorded("2026-01-06T10:00:00Z"));
        assertThat(corroborated.corroborations()).containsExactly(new CorroborationLink("iwpr-ky-24-witness-heard-shooting",
                "CORROBORATED_BY", "Same night, same street.", day("2015-07-22")));
        assertThat(corroborating.corroborations()).containsExactly(new CorroborationLink("iwpr-ky-01-gknb-raid-killed-six",
                "CORROBORATES", "Same night, same street.", day("2015-07-22")));
        assertThat(corroborated.status()).isEqualTo(STANDING);
        assertThat(corroborating.status()).isEqualTo(STANDING);
    }

    @Test
    void theVersionCountsEveryEventOnTheClaim() {
        givenTheDisputeWithdrawnDisputedAgainAndRetracted();
        ledger.reviewed(DIED_EARLY_JULY, Rating.MIXED, "Sources differ.", null, Instant.parse("2026-01-09T12:00:00Z"));

        // recorded, disputed, withdrawn, disputed again, retracted: the disputes are events of the disputed claim
        assertThat(ledger.claim(SHOT_IN_RAID, now()).version()).isEqualTo(4);
        assertThat(ledger.claim(DIED_EARLY_JULY, now()).version()).isEqualTo(1);
    }

    @Test
    void theResetEmptiesEveryClaimTable() {
        givenTheDisputeWithdrawnDisputedAgainAndRetracted();
        ledger.amended(DIED_EARLY_JULY, "Amirov died in early July.", null, "Shorter.", day("2015-07-22"),
                Instant.parse("2026-01-09T11:00:00Z"));
        ledger.corroborated(DIED_EARLY_JULY, SHOT_IN_RAID, null, day("2015-07-22"), Instant.parse("2026-01-09T11:01:00Z"));
        ledger.reviewed(DIED_EARLY_JULY, Rating.MIXED, "Sources differ.", null, Instant.parse("2026-01-09T12:00:00Z"));
        List<String> tables = List.of("claim_view", "claim_subject", "claim_wording", "claim_dispute",
                "claim_corroboration", "claim_retraction", "claim_review");
        assertThat(tables).allSatisfy(table -> assertThat(ledger.db.count(table)).as(table).isPositive());

        ledger.projection.reset();

        assertThat(tables).allSatisfy(table -> assertThat(ledger.db.count(table)).as(table).isZero());
        assertThat(ledger.find(SHOT_IN_RAID, now())).isEmpty();
        // and the projection can be rebuilt from the start
        givenTheTwoClaimsOnAmirovsFate();
        assertThat(ledger.status(SHOT_IN_RAID, now())).isEqualTo(STANDING);
    }

    @Test
    void theDigestIsTheSameForTwoProjectionsOfTheSameEventsAndDiffersOtherwise() {
        givenTheDisputeWithdrawnDisputedAgainAndRetracted();
        try (ClaimLedger same = ClaimLedger.fresh(); ClaimLedger otherTime = ClaimLedger.fresh();
             ClaimLedger oneMore = ClaimLedger.fresh()) {
            ClaimLedger original = ledger;
            ledger = same;
            givenTheDisputeWithdrawnDisputedAgainAndRetracted();
            ledger = oneMore;
            givenTheDisputeWithdrawnDisputedAgainAndRetracted();
            ledger.reviewed(DIED_EARLY_JULY, Rating.MIXED, "Sources differ.", null, Instant.parse("2026-01-09T12:00:00Z"));
            ledger = otherTime;
            givenTheTwoClaimsOnAmirovsFate();
            ledger.disputed(SHOT_IN_RAID, DIED_EARLY_JULY, "He died before the raid.", day("2015-07-21"),
                    Instant.parse("2026-01-06T10:00:00Z"));
            ledger.withdrawn(SHOT_IN_RAID, DIED_EARLY_JULY, "Recorded in error.", day("2015-07-25"),
                    Instant.parse("2026-01-07T10:00:00Z"));
            ledger.disputed(SHOT_IN_RAID, DIED_EARLY_JULY, "The KNB repeats it.", day("2015-07-28"),
                    Instant.parse("2026-01-08T10:00:00Z"));
            // the same retraction, recorded a millisecond later
            ledger.retracted(SHOT_IN_RAID, "The GKNB no longer says Amirov died in the raid.", GKNB.id(),
                    day("2015-07-31"), Instant.parse("2026-01-09T10:00:00.001Z"));
            ledger = original;

            ProjectionDigest.Part digest = original.projection.digest(new ProjectionDigest.Ask());
            assertThat(digest.projection()).isEqualTo("claims");
            assertThat(digest.sha256()).hasSize(64);
            assertThat(same.projection.digest(new ProjectionDigest.Ask())).isEqualTo(digest);
            assertThat(oneMore.projection.digest(new ProjectionDigest.Ask())).isNotEqualTo(digest);
            assertThat(otherTime.projection.digest(new ProjectionDigest.Ask())).isNotEqualTo(digest);

            // and a projection emptied by a reset digests like one that never had an event
            try (ClaimLedger empty = ClaimLedger.fresh()) {
                same.projection.reset();
                assertThat(same.projection.digest(new ProjectionDigest.Ask()))
                        .isEqualTo(empty.projection.digest(new ProjectionDigest.Ask()));
            }
        }
    }

    private List<Object> statuses(com.claimledger.time.AsOf asOf) {
        return List.of(ledger.status(SHOT_IN_RAID, asOf), ledger.status(DIED_EARLY_JULY, asOf));
    }
}
