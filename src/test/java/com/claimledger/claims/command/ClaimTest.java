package com.claimledger.claims.command;

import com.claimledger.articles.api.ArticleLookup;
import com.claimledger.articles.api.ArticleLookup.ArticleFacts;
import com.claimledger.claims.api.ClaimCommands.AmendClaim;
import com.claimledger.claims.api.ClaimCommands.CorroborateClaim;
import com.claimledger.claims.api.ClaimCommands.DisputeClaim;
import com.claimledger.claims.api.ClaimCommands.RecordClaim;
import com.claimledger.claims.api.ClaimCommands.RetractClaim;
import com.claimledger.claims.api.ClaimCommands.ReviewClaim;
import com.claimledger.claims.api.ClaimCommands.WithdrawDispute;
import com.claimledger.claims.api.ClaimEvents.ClaimAmended;
import com.claimledger.claims.api.ClaimEvents.ClaimCorroborated;
import com.claimledger.claims.api.ClaimEvents.ClaimDisputed;
import com.claimledger.claims.api.ClaimEvents.ClaimRecorded;
import com.claimledger.claims.api.ClaimEvents.ClaimRetracted;
import com.claimledger.claims.api.ClaimEvents.ClaimReviewed;
import com.claimledger.claims.api.ClaimEvents.DisputeWithdrawn;
import com.claimledger.claims.api.ClaimLookup;
import com.claimledger.claims.api.ClaimLookup.ClaimFacts;
import com.claimledger.claims.api.Rating;
import com.claimledger.time.EventTime;
import com.claimledger.kernel.LedgerException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.claimledger.support.Refusals.kind;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.notNullValue;

class ClaimTest {

    private static final String ARTICLE = "iwpr-amirov";
    private static final Instant PUBLISHED = Instant.parse("2015-07-17T00:00:00Z");
    private static final String TEXT = "Amirov was killed in the raid, the GKNB said. "
            + "Kazakhstan's security service said Amirov died at the beginning of July.";
    private static final String UNTEXTED_ARTICLE = "wire-note";

    private static final String ID = "c1";
    private static final String LATER = "c2";              // asserted after c1
    private static final String EARLIER = "c0";            // asserted before c1
    private static final String RETRACTED = "c-retracted"; // a retracted other claim
    private static final String MISSING = "nope";

    private static final Instant LATER_ASSERTED = Instant.parse("2015-07-20T00:00:00Z");
    private static final Instant EARLIER_ASSERTED = Instant.parse("2015-07-10T00:00:00Z");
    private static final Instant AT = Instant.parse("2015-07-28T00:00:00Z");
    private static final Instant NOW = Instant.parse("2024-05-01T12:34:56.789Z");

    private static final ClaimRecorded RECORDED = new ClaimRecorded(ID, ARTICLE, "Amirov was killed in a raid",
            "Amirov was killed in the raid", "gknb", List.of("amirov"), "amirov-fate", PUBLISHED, null);
    private static final ClaimRetracted RETRACTION = new ClaimRetracted(ID, "recorded in error", "gknb", AT);

    private AggregateTestFixture<Claim> fixture;
    private final Map<String, ArticleFacts> articles = new HashMap<>();
    private final Map<String, ClaimFacts> claims = new HashMap<>();
    /** Disputes in force as the directory knows them: "claim<-byClaim". */
    private final java.util.Set<String> disputes = new java.util.HashSet<>();

    @BeforeEach
    void setUp() {
        articles.put(ARTICLE, new ArticleFacts(ARTICLE, PUBLISHED, TEXT));
        articles.put(UNTEXTED_ARTICLE, new ArticleFacts(UNTEXTED_ARTICLE, PUBLISHED, null));
        claims.put(ID, new ClaimFacts(ID, PUBLISHED, false));
        claims.put(LATER, new ClaimFacts(LATER, LATER_ASSERTED, false));
        claims.put(EARLIER, new ClaimFacts(EARLIER, EARLIER_ASSERTED, false));
        claims.put(RETRACTED, new ClaimFacts(RETRACTED, LATER_ASSERTED, true));

        fixture = new AggregateTestFixture<>(Claim.class);
        ArticleLookup articleLookup = id -> Optional.ofNullable(articles.get(id));
        ClaimLookup claimLookup = new ClaimLookup() {
            @Override
            public Optional<ClaimFacts> find(String claimId) {
                return Optional.ofNullable(claims.get(claimId));
            }

            @Override
            public boolean disputeInForce(String claimId, String byClaimId) {
                return disputes.contains(claimId + "<-" + byClaimId);
            }
        };
        fixture.registerInjectableResource(articleLookup);
        fixture.registerInjectableResource(claimLookup);
        // The aggregate takes "now" from the ledger's Clock bean; here it is the fixture's own time.
        fixture.registerInjectableResource(new Clock() {
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
                return fixture.currentTime();
            }
        });
    }

    // --- RecordClaim ----------------------------------------------------------------------------------------------

    @Nested
    class Record {

        @Test
        void assertedAtDefaultsToTheArticlesPublicationTime() {
            fixture.givenNoPriorActivity()
                    .when(new RecordClaim(ID, ARTICLE, "Amirov was killed in a raid", "Amirov was killed in the raid",
                            "gknb", List.of("amirov"), "amirov-fate", null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(RECORDED);
        }

        @Test
        void explicitAssertedAtAndEventTimeAreKept() {
            Instant asserted = Instant.parse("2015-07-16T09:30:00Z");
            EventTime early = new EventTime(LocalDate.of(2015, 7, 1), LocalDate.of(2015, 7, 10), "early July 2015");
            fixture.givenNoPriorActivity()
                    .when(new RecordClaim("c9", ARTICLE, "Amirov died in early July",
                            "Amirov died at the beginning of July", "knb-kz", List.of("amirov"), null, asserted, early))
                    .expectEvents(new ClaimRecorded("c9", ARTICLE, "Amirov died in early July",
                            "Amirov died at the beginning of July", "knb-kz", List.of("amirov"), null, asserted, early));
        }

        @Test
        void claimWithoutQuoteIsRecorded() {
            fixture.givenNoPriorActivity()
                    .when(new RecordClaim("c9", ARTICLE, "Amirov is dead", null, "gknb", List.of(), null, null, null))
                    .expectEvents(new ClaimRecorded("c9", ARTICLE, "Amirov is dead", null, "gknb", List.of(), null,
                            PUBLISHED, null));
        }

        @Test
        void missingArticleIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new RecordClaim(ID, MISSING, "Amirov is dead", null, "gknb", List.of(), null, null, null))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.NOT_FOUND))
                    .expectExceptionMessage("articleId: article 'nope' does not exist")
                    .expectNoEvents();
        }

        @Test
        void quoteThatIsNotInTheArticleTextIsUnprocessable() {
            fixture.givenNoPriorActivity()
                    .when(new RecordClaim(ID, ARTICLE, "Amirov is alive", "Amirov is alive and well", "gknb",
                            List.of(), null, null, null))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.UNPROCESSABLE))
                    .expectExceptionMessage("quote: does not occur in the text of article 'iwpr-amirov'")
                    .expectNoEvents();
        }

        @Test
        void anyQuoteIsAcceptedWhenTheArticleHasNoText() {
            fixture.givenNoPriorActivity()
                    .when(new RecordClaim("c9", UNTEXTED_ARTICLE, "Amirov is alive", "Amirov is alive and well", "gknb",
                            List.of(), null, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ClaimRecorded("c9", UNTEXTED_ARTICLE, "Amirov is alive", "Amirov is alive and well",
                            "gknb", List.of(), null, PUBLISHED, null));
        }

        @Test
        void identicalRepeatRecordsNothing() {
            fixture.given(RECORDED)
                    .when(new RecordClaim(ID, ARTICLE, "Amirov was killed in a raid", "Amirov was killed in the raid",
                            "gknb", List.of("amirov"), "amirov-fate", null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void repeatGivingTheDefaultAssertedAtExplicitlyIsIdentical() {
            fixture.given(RECORDED)
                    .when(new RecordClaim(ID, ARTICLE, "Amirov was killed in a raid", "Amirov was killed in the raid",
                            "gknb", List.of("amirov"), "amirov-fate", PUBLISHED, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void repeatWithOtherContentIsAConflict() {
            fixture.given(RECORDED)
                    .when(new RecordClaim(ID, ARTICLE, "Amirov died in a raid", "Amirov was killed in the raid",
                            "gknb", List.of("amirov"), "amirov-fate", null, null))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' already exists with other content")
                    .expectNoEvents();
        }

        @Test
        void repeatWithAnotherSourceIsAConflict() {
            fixture.given(RECORDED)
                    .when(new RecordClaim(ID, ARTICLE, "Amirov was killed in a raid", "Amirov was killed in the raid",
                            "knb-kz", List.of("amirov"), "amirov-fate", null, null))
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage(containsString("already exists with other content"))
                    .expectNoEvents();
        }
    }

    // --- DisputeClaim ---------------------------------------------------------------------------------------------

    @Nested
    class Dispute {

        @Test
        void occurredAtDefaultsToTheOtherClaimsAssertedAtWhenItIsLater() {
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, LATER, "contradicts", null, null, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED));
        }

        @Test
        void occurredAtDefaultsToThisClaimsAssertedAtWhenItIsLater() {
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, EARLIER, "contradicts", null, null, false))
                    .expectEvents(new ClaimDisputed(ID, EARLIER, "contradicts", PUBLISHED));
        }

        @Test
        void explicitAtIsKept() {
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, LATER, "contradicts", AT, null, false))
                    .expectEvents(new ClaimDisputed(ID, LATER, "contradicts", AT));
        }

        @Test
        void disputeWithoutReasonIsRecorded() {
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, LATER, null, AT, null, false))
                    .expectEvents(new ClaimDisputed(ID, LATER, null, AT));
        }

        @Test
        void disputeByItselfIsAConflict() {
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, ID, "contradicts", null, null, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' cannot dispute itself")
                    .expectNoEvents();
        }

        @Test
        void disputeByAMissingClaimIsNotFound() {
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, MISSING, "contradicts", null, null, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.NOT_FOUND))
                    .expectExceptionMessage("byClaim: claim 'nope' does not exist")
                    .expectNoEvents();
        }

        @Test
        void secondDisputeBySameClaimWhileInForceIsAConflict() {
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED))
                    .when(new DisputeClaim(ID, LATER, "contradicts", null, null, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' is already disputed by 'c2'")
                    .expectNoEvents();
        }

        @Test
        void idempotentIdenticalRepeatRecordsNothing() {
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED))
                    .when(new DisputeClaim(ID, LATER, "contradicts", null, null, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void disputeOfAClaimThatAlreadyDisputesThisOneIsAConflict() {
            disputes.add(LATER + "<-" + ID);
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, LATER, "the other way round", null, null, false))
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage(containsString("already dispute each other"))
                    .expectNoEvents();
        }

        @Test
        void disputeDatedBeforeBothClaimsWereAssertedIsRefused() {
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, LATER, "too early", EARLIER_ASSERTED, null, false))
                    .expectException(kind(LedgerException.Kind.BAD_REQUEST))
                    .expectExceptionMessage(containsString("at: must not be before both claims were asserted"))
                    .expectNoEvents();
        }

        @Test
        void idempotentRepeatOnARetractedClaimRecordsNothing() {
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED), RETRACTION)
                    .when(new DisputeClaim(ID, LATER, "contradicts", null, null, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void idempotentRepeatWithAnotherReasonIsAConflict() {
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED))
                    .when(new DisputeClaim(ID, LATER, "another reason", null, null, true))
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' is already disputed by 'c2'")
                    .expectNoEvents();
        }

        @Test
        void disputeByAnotherClaimWhileOneIsInForceIsRecorded() {
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED))
                    .when(new DisputeClaim(ID, EARLIER, "also contradicts", AT, null, false))
                    .expectEvents(new ClaimDisputed(ID, EARLIER, "also contradicts", AT));
        }

        @Test
        void disputeAgainAfterWithdrawalIsAllowed() {
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED),
                            new DisputeWithdrawn(ID, LATER, "recorded in error", AT))
                    .when(new DisputeClaim(ID, LATER, "contradicts after all", AT.plusSeconds(86400), null, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ClaimDisputed(ID, LATER, "contradicts after all", AT.plusSeconds(86400)));
        }

        @Test
        void disputeOfARetractedClaimIsAConflict() {
            fixture.given(RECORDED, RETRACTION)
                    .when(new DisputeClaim(ID, LATER, "contradicts", null, null, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' is retracted and cannot be disputed")
                    .expectNoEvents();
        }

        @Test
        void disputeByARetractedClaimIsAConflict() {
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, RETRACTED, "contradicts", null, null, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c-retracted' is retracted and cannot dispute another claim")
                    .expectNoEvents();
        }
    }

    // --- WithdrawDispute ------------------------------------------------------------------------------------------

    @Nested
    class Withdraw {

        @Test
        void withdrawalOfADisputeInForceIsRecorded() {
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED))
                    .when(new WithdrawDispute(ID, LATER, "recorded in error", AT, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new DisputeWithdrawn(ID, LATER, "recorded in error", AT));
        }

        @Test
        void withoutAtTheWithdrawalHappensWhenItIsRecorded() {
            Instant now = fixture.currentTime();
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED))
                    .when(new WithdrawDispute(ID, LATER, "recorded in error", null, null))
                    .expectEvents(new DisputeWithdrawn(ID, LATER, "recorded in error", now));
        }

        @Test
        void withdrawalOfADisputeNeverMadeIsAConflict() {
            fixture.given(RECORDED)
                    .when(new WithdrawDispute(ID, LATER, "recorded in error", AT, null))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' has no dispute by 'c2' in force")
                    .expectNoEvents();
        }

        @Test
        void withdrawalOfAnAlreadyWithdrawnDisputeIsAConflict() {
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED),
                            new DisputeWithdrawn(ID, LATER, "recorded in error", AT))
                    .when(new WithdrawDispute(ID, LATER, "recorded in error", AT, null))
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' has no dispute by 'c2' in force")
                    .expectNoEvents();
        }

        @Test
        void withdrawalNamingAMissingClaimIsNotFound() {
            fixture.given(RECORDED)
                    .when(new WithdrawDispute(ID, MISSING, "recorded in error", AT, null))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.NOT_FOUND))
                    .expectExceptionMessage("claim 'nope' does not exist")
                    .expectNoEvents();
        }
    }

    // --- CorroborateClaim -----------------------------------------------------------------------------------------

    @Nested
    class Corroborate {

        @Test
        void occurredAtDefaultsToTheLaterAssertedAt() {
            fixture.given(RECORDED)
                    .when(new CorroborateClaim(ID, LATER, "same spokesman", null, null, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ClaimCorroborated(ID, LATER, "same spokesman", LATER_ASSERTED));
        }

        @Test
        void occurredAtDefaultsToThisClaimsAssertedAtWhenItIsLater() {
            fixture.given(RECORDED)
                    .when(new CorroborateClaim(ID, EARLIER, null, null, null, false))
                    .expectEvents(new ClaimCorroborated(ID, EARLIER, null, PUBLISHED));
        }

        @Test
        void explicitAtIsKept() {
            fixture.given(RECORDED)
                    .when(new CorroborateClaim(ID, LATER, "same spokesman", AT, null, false))
                    .expectEvents(new ClaimCorroborated(ID, LATER, "same spokesman", AT));
        }

        @Test
        void corroborationOfARetractedClaimIsStillRecorded() {
            fixture.given(RECORDED, RETRACTION)
                    .when(new CorroborateClaim(ID, LATER, "same spokesman", AT, null, false))
                    .expectEvents(new ClaimCorroborated(ID, LATER, "same spokesman", AT));
        }

        @Test
        void corroborationByItselfIsAConflict() {
            fixture.given(RECORDED)
                    .when(new CorroborateClaim(ID, ID, "same spokesman", null, null, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' cannot corroborate itself")
                    .expectNoEvents();
        }

        @Test
        void corroborationByAMissingClaimIsNotFound() {
            fixture.given(RECORDED)
                    .when(new CorroborateClaim(ID, MISSING, "same spokesman", null, null, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.NOT_FOUND))
                    .expectExceptionMessage("byClaim: claim 'nope' does not exist")
                    .expectNoEvents();
        }

        @Test
        void secondCorroborationBySameClaimIsAConflict() {
            fixture.given(RECORDED, new ClaimCorroborated(ID, LATER, "same spokesman", LATER_ASSERTED))
                    .when(new CorroborateClaim(ID, LATER, "same spokesman", null, null, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' is already corroborated by 'c2'")
                    .expectNoEvents();
        }

        @Test
        void idempotentIdenticalRepeatRecordsNothing() {
            fixture.given(RECORDED, new ClaimCorroborated(ID, LATER, "same spokesman", LATER_ASSERTED))
                    .when(new CorroborateClaim(ID, LATER, "same spokesman", null, null, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void idempotentRepeatWithAnotherNoteIsAConflict() {
            fixture.given(RECORDED, new ClaimCorroborated(ID, LATER, "same spokesman", LATER_ASSERTED))
                    .when(new CorroborateClaim(ID, LATER, "another note", null, null, true))
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' is already corroborated by 'c2'")
                    .expectNoEvents();
        }
    }

    // --- AmendClaim -----------------------------------------------------------------------------------------------

    @Nested
    class Amend {

        @Test
        void amendmentIsRecorded() {
            fixture.given(RECORDED)
                    .when(new AmendClaim(ID, "Amirov died in early July", "Amirov died at the beginning of July",
                            "correction", AT, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ClaimAmended(ID, "Amirov died in early July", "Amirov died at the beginning of July",
                            "correction", AT));
        }

        @Test
        void amendmentWithoutQuoteIsRecorded() {
            fixture.given(RECORDED)
                    .when(new AmendClaim(ID, "Amirov is dead", null, "shorter wording", AT, null))
                    .expectEvents(new ClaimAmended(ID, "Amirov is dead", null, "shorter wording", AT));
        }

        @Test
        void withoutAtTheAmendmentHappensWhenItIsRecorded() {
            Instant now = fixture.currentTime();
            fixture.given(RECORDED)
                    .when(new AmendClaim(ID, "Amirov is dead", null, "shorter wording", null, null))
                    .expectEventsMatching(exactSequenceOf(
                            messageWithPayload(occurredAt(equalTo(now))),
                            andNoMore()));
        }

        @Test
        void amendmentOfARetractedClaimIsAConflict() {
            fixture.given(RECORDED, RETRACTION)
                    .when(new AmendClaim(ID, "Amirov is dead", null, "shorter wording", AT, null))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' is retracted and cannot be amended")
                    .expectNoEvents();
        }

        @Test
        void amendedQuoteThatIsNotInTheArticleTextIsUnprocessable() {
            fixture.given(RECORDED)
                    .when(new AmendClaim(ID, "Amirov is alive", "Amirov is alive and well", "correction", AT, null))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.UNPROCESSABLE))
                    .expectExceptionMessage("quote: does not occur in the text of article 'iwpr-amirov'")
                    .expectNoEvents();
        }
    }

    // --- RetractClaim ---------------------------------------------------------------------------------------------

    @Nested
    class Retract {

        @Test
        void retractedByDefaultsToTheClaimsSource() {
            fixture.given(RECORDED)
                    .when(new RetractClaim(ID, "recorded in error", null, AT, null, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ClaimRetracted(ID, "recorded in error", "gknb", AT));
        }

        @Test
        void explicitRetractedByIsKept() {
            fixture.given(RECORDED)
                    .when(new RetractClaim(ID, "outlet correction", "iwpr", AT, null, false))
                    .expectEvents(new ClaimRetracted(ID, "outlet correction", "iwpr", AT));
        }

        @Test
        void withoutAtTheRetractionHappensWhenItIsRecorded() {
            Instant now = fixture.currentTime();
            fixture.given(RECORDED)
                    .when(new RetractClaim(ID, "recorded in error", null, null, null, false))
                    .expectEvents(new ClaimRetracted(ID, "recorded in error", "gknb", now));
        }

        @Test
        void secondRetractionIsAConflict() {
            fixture.given(RECORDED, RETRACTION)
                    .when(new RetractClaim(ID, "recorded in error", null, AT, null, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' is already retracted")
                    .expectNoEvents();
        }

        @Test
        void idempotentRepeatWithTheSameReasonRecordsNothing() {
            fixture.given(RECORDED, RETRACTION)
                    .when(new RetractClaim(ID, "recorded in error", null, AT, null, true))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void idempotentRepeatWithAnotherReasonIsAConflict() {
            fixture.given(RECORDED, RETRACTION)
                    .when(new RetractClaim(ID, "another reason", null, AT, null, true))
                    .expectException(kind(LedgerException.Kind.CONFLICT))
                    .expectExceptionMessage("claim 'c1' is already retracted")
                    .expectNoEvents();
        }
    }

    // --- ReviewClaim ----------------------------------------------------------------------------------------------

    @Nested
    class Review {

        @Test
        void reviewIsRecordedAtTheRecordingTime() {
            fixture.given(RECORDED)
                    .andGivenCurrentTime(NOW)
                    .when(new ReviewClaim(ID, Rating.MOSTLY_FALSE, "contradicted by the Kazakh service", "editor", null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ClaimReviewed(ID, Rating.MOSTLY_FALSE, "contradicted by the Kazakh service",
                            "editor", NOW));
        }

        @Test
        void reviewOccurredAtIsTheFixtureClock() {
            Instant now = fixture.currentTime();
            fixture.given(RECORDED)
                    .when(new ReviewClaim(ID, Rating.UNPROVEN, "no evidence either way", null, null))
                    .expectEventsMatching(exactSequenceOf(
                            messageWithPayload(allOf(instanceOf(ClaimReviewed.class), occurredAt(notNullValue(Instant.class)),
                                    occurredAt(equalTo(now)))),
                            andNoMore()));
        }
    }

    // --- If-Match versions ----------------------------------------------------------------------------------------

    @Nested
    class Versions {

        private static final String STALE = "If-Match version 5 is not the current version 0";

        @Test
        void staleVersionRefusesADispute() {
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, LATER, "contradicts", AT, 5L, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.PRECONDITION_FAILED))
                    .expectExceptionMessage(STALE)
                    .expectNoEvents();
        }

        @Test
        void staleVersionRefusesAWithdrawal() {
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED))
                    .when(new WithdrawDispute(ID, LATER, "recorded in error", AT, 0L))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.PRECONDITION_FAILED))
                    .expectExceptionMessage("If-Match version 0 is not the current version 1")
                    .expectNoEvents();
        }

        @Test
        void staleVersionRefusesACorroboration() {
            fixture.given(RECORDED)
                    .when(new CorroborateClaim(ID, LATER, "same spokesman", AT, 5L, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.PRECONDITION_FAILED))
                    .expectExceptionMessage(STALE)
                    .expectNoEvents();
        }

        @Test
        void staleVersionRefusesAnAmendment() {
            fixture.given(RECORDED)
                    .when(new AmendClaim(ID, "Amirov is dead", null, "shorter wording", AT, 5L))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.PRECONDITION_FAILED))
                    .expectExceptionMessage(STALE)
                    .expectNoEvents();
        }

        @Test
        void staleVersionRefusesARetraction() {
            fixture.given(RECORDED)
                    .when(new RetractClaim(ID, "recorded in error", null, AT, 5L, false))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.PRECONDITION_FAILED))
                    .expectExceptionMessage(STALE)
                    .expectNoEvents();
        }

        @Test
        void staleVersionRefusesAReview() {
            fixture.given(RECORDED)
                    .when(new ReviewClaim(ID, Rating.FALSE, "wrong", "editor", 5L))
                    .expectException(LedgerException.class)
                    .expectException(kind(LedgerException.Kind.PRECONDITION_FAILED))
                    .expectExceptionMessage(STALE)
                    .expectNoEvents();
        }

        @Test
        void matchingVersionAcceptsADispute() {
            fixture.given(RECORDED)
                    .when(new DisputeClaim(ID, LATER, "contradicts", AT, 0L, false))
                    .expectEvents(new ClaimDisputed(ID, LATER, "contradicts", AT));
        }

        @Test
        void matchingVersionAcceptsAWithdrawal() {
            fixture.given(RECORDED, new ClaimDisputed(ID, LATER, "contradicts", LATER_ASSERTED))
                    .when(new WithdrawDispute(ID, LATER, "recorded in error", AT, 1L))
                    .expectEvents(new DisputeWithdrawn(ID, LATER, "recorded in error", AT));
        }

        @Test
        void matchingVersionAcceptsACorroboration() {
            fixture.given(RECORDED)
                    .when(new CorroborateClaim(ID, LATER, "same spokesman", AT, 0L, false))
                    .expectEvents(new ClaimCorroborated(ID, LATER, "same spokesman", AT));
        }

        @Test
        void matchingVersionAcceptsAnAmendment() {
            fixture.given(RECORDED, new ClaimCorroborated(ID, LATER, "same spokesman", LATER_ASSERTED))
                    .when(new AmendClaim(ID, "Amirov is dead", null, "shorter wording", AT, 1L))
                    .expectEvents(new ClaimAmended(ID, "Amirov is dead", null, "shorter wording", AT));
        }

        @Test
        void matchingVersionAcceptsARetraction() {
            fixture.given(RECORDED, new ClaimAmended(ID, "Amirov is dead", null, "shorter wording", AT))
                    .when(new RetractClaim(ID, "recorded in error", null, AT, 1L, false))
                    .expectEvents(new ClaimRetracted(ID, "recorded in error", "gknb", AT));
        }

        @Test
        void matchingVersionAcceptsAReview() {
            fixture.given(RECORDED)
                    .andGivenCurrentTime(NOW)
                    .when(new ReviewClaim(ID, Rating.FALSE, "wrong", "editor", 0L))
                    .expectEvents(new ClaimReviewed(ID, Rating.FALSE, "wrong", "editor", NOW));
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------
    /** A payload that is an {@link com.claimledger.time.Occurrence} whose narrative time matches. */
    private static Matcher<Object> occurredAt(Matcher<Instant> time) {
        Matcher<com.claimledger.time.Occurrence> feature =
                new FeatureMatcher<>(time, "an occurrence at", "occurredAt") {
                    @Override
                    protected Instant featureValueOf(com.claimledger.time.Occurrence actual) {
                        return actual.occurredAt();
                    }
                };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Matcher<Object> matcher = (Matcher) allOf(instanceOf(com.claimledger.time.Occurrence.class), feature);
        return matcher;
    }
}
