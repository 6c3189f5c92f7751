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
import com.claimledger.kernel.CreateOrRepeat;
import com.claimledger.kernel.LedgerException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An attributed claim and everything that later happens to it. Decides what the current state allows: no claim on
 * a missing article or with a quote its article does not contain, no dispute or corroboration of a claim by itself or
 * by a missing claim, no second dispute by the same claim while one is in force, no withdrawal of a dispute not in
 * force, no dispute or amendment of a retracted claim (corroborations, withdrawals and reviews stay possible: they
 * record history, not a new assertion), and a stale If-Match version is refused.
 */
@Aggregate
public class Claim {

    @AggregateIdentifier
    private String claimId;
    private ClaimRecorded recorded;
    private boolean retracted;
    private String retractionReason;
    private final Map<String, ClaimDisputed> disputesInForce = new HashMap<>();
    private final Map<String, ClaimCorroborated> corroborations = new HashMap<>();
    private final Set<DisputeWithdrawn> withdrawals = new HashSet<>();
    private final Set<ClaimDisputed> disputesEver = new HashSet<>();
    private final Set<ClaimAmended> amendments = new HashSet<>();
    private final Set<ClaimReviewed> reviews = new HashSet<>();

    protected Claim() {
    }

    /** Records the claim, or accepts an identical repeat of the same id (idempotent client retries). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordClaim command, ArticleLookup articles) {
        ArticleFacts article = articles.find(command.articleId())
                .orElseThrow(() -> LedgerException.notFound("article", command.articleId(), "articleId"));
        requireQuoteIn(article, command.quote());
        Instant assertedAt = command.assertedAt() != null ? command.assertedAt() : article.publishedAt();
        ClaimRecorded event = new ClaimRecorded(command.claimId(), command.articleId(), command.statement(),
                command.quote(), command.attributedTo(), command.subjects(), command.topic(), assertedAt,
                command.eventTime(), command.proposal());
        if (CreateOrRepeat.isNew(recorded, event, CreateOrRepeat.otherContent("claim", command.claimId()))) {
            apply(event);
        }
    }

    @CommandHandler
    public void handle(DisputeClaim command, ClaimLookup claims) {
        requireVersion(command.expectedVersion());
        ClaimFacts by = otherClaim(command.byClaimId(), claims, "dispute");
        ClaimDisputed dispute = new ClaimDisputed(claimId, by.claimId(), command.reason(), relationTime(command.at(), by));
        Supplier<LedgerException> disputedAlready = () -> LedgerException.conflict(
                "claim '" + claimId + "' is already disputed by '" + by.claimId() + "'");
        if (command.once() && !disputesInForce.containsKey(by.claimId()) && disputesEver.contains(dispute)) {
            return;
        }
        // Checked first: a dossier imported again repeats its disputes after it has applied its retractions.
        if (disputesInForce.containsKey(by.claimId())) {
            repeatOf(disputesInForce.get(by.claimId()), dispute, command.idempotent(), disputedAlready);
            return;
        }
        if (claims.disputeInForce(by.claimId(), claimId)) {
            throw LedgerException.conflict("claims '" + claimId + "' and '" + by.claimId()
                    + "' already dispute each other: '" + by.claimId() + "' is disputed by '" + claimId + "'");
        }
        if (retracted) {
            throw LedgerException.conflict("claim '" + claimId + "' is retracted and cannot be disputed");
        }
        if (by.retracted()) {
            throw LedgerException.conflict("claim '" + by.claimId() + "' is retracted and cannot dispute another claim");
        }
        apply(dispute);
    }

    @CommandHandler
    public void handle(WithdrawDispute command, ClaimLookup claims, Clock clock) {
        requireVersion(command.expectedVersion());
        claims.find(command.byClaimId()).orElseThrow(() -> LedgerException.notFound("claim", command.byClaimId()));
        ClaimDisputed dispute = disputesInForce.get(command.byClaimId());
        if (dispute == null && command.idempotent() && command.at() != null && withdrawals.contains(
                new DisputeWithdrawn(claimId, command.byClaimId(), command.reason(), command.at()))) {
            return;
        }
        if (dispute == null) {
            throw LedgerException.conflict("claim '" + claimId + "' has no dispute by '" + command.byClaimId() + "' in force");
        }
        apply(new DisputeWithdrawn(claimId, command.byClaimId(), command.reason(),
                changeTime(command.at(), dispute.occurredAt(), "the dispute was made", clock)));
    }

    @CommandHandler
    public void handle(CorroborateClaim command, ClaimLookup claims) {
        requireVersion(command.expectedVersion());
        ClaimFacts by = otherClaim(command.byClaimId(), claims, "corroborate");
        ClaimCorroborated corroboration = new ClaimCorroborated(claimId, by.claimId(), command.note(),
                relationTime(command.at(), by));
        if (corroborations.containsKey(by.claimId())) {
            repeatOf(corroborations.get(by.claimId()), corroboration, command.idempotent(), () -> LedgerException.conflict(
                    "claim '" + claimId + "' is already corroborated by '" + by.claimId() + "'"));
            return;
        }
        apply(corroboration);
    }

    @CommandHandler
    public void handle(AmendClaim command, ArticleLookup articles, Clock clock) {
        requireVersion(command.expectedVersion());
        if (command.idempotent() && command.at() != null && amendments.contains(new ClaimAmended(claimId,
                command.statement(), command.quote(), command.reason(), command.at()))) {
            return;
        }
        if (retracted) {
            throw LedgerException.conflict("claim '" + claimId + "' is retracted and cannot be amended");
        }
        articles.find(recorded.articleId()).ifPresent(article -> requireQuoteIn(article, command.quote()));
        apply(new ClaimAmended(claimId, command.statement(), command.quote(), command.reason(),
                changeTime(command.at(), recorded.assertedAt(), "the claim was asserted", clock)));
    }

    @CommandHandler
    public void handle(RetractClaim command, Clock clock) {
        requireVersion(command.expectedVersion());
        if (retracted) {
            if (command.idempotent() && Objects.equals(retractionReason, command.reason())) {
                return;
            }
            throw LedgerException.conflict("claim '" + claimId + "' is already retracted");
        }
        String retractedBy = command.retractedBy() != null ? command.retractedBy() : recorded.attributedTo();
        apply(new ClaimRetracted(claimId, command.reason(), retractedBy,
                changeTime(command.at(), recorded.assertedAt(), "the claim was asserted", clock)));
    }

    @CommandHandler
    public void handle(ReviewClaim command, Clock clock) {
        requireVersion(command.expectedVersion());
        ClaimReviewed review = new ClaimReviewed(claimId, command.rating(), command.explanation(), command.reviewer(),
                command.at() == null ? clock.instant() : notBefore(command.at(), recorded.assertedAt(),
                        "the claim was asserted"));
        // Only an import names the time, and only there is a repeat the same review again rather than a second one.
        if (command.idempotent() && command.at() != null && reviews.contains(review)) {
            return;
        }
        apply(review);
    }

    @EventSourcingHandler
    void on(ClaimRecorded event) {
        claimId = event.claimId();
        recorded = event;
    }

    @EventSourcingHandler
    void on(ClaimDisputed event) {
        disputesInForce.put(event.byClaimId(), event);
        disputesEver.add(event);
    }

    @EventSourcingHandler
    void on(DisputeWithdrawn event) {
        disputesInForce.remove(event.byClaimId());
        withdrawals.add(event);
    }

    @EventSourcingHandler
    void on(ClaimAmended event) {
        amendments.add(event);
    }

    @EventSourcingHandler
    void on(ClaimReviewed event) {
        reviews.add(event);
    }

    @EventSourcingHandler
    void on(ClaimCorroborated event) {
        corroborations.put(event.byClaimId(), event);
    }

    @EventSourcingHandler
    void on(ClaimRetracted event) {
        retracted = true;
        retractionReason = event.reason();
    }

    /** A relation recorded already: an identical repeat is accepted when the command allows it, else the conflict. */
    private static <E> void repeatOf(E recorded, E candidate, boolean idempotent, Supplier<LedgerException> conflict) {
        if (!idempotent) {
            throw conflict.get();
        }
        CreateOrRepeat.isNew(recorded, candidate, conflict);
    }

    private void requireVersion(Long expected) {
        Long actual = AggregateLifecycle.getVersion();
        if (expected != null && !expected.equals(actual)) {
            throw LedgerException.staleVersion(expected, actual);
        }
    }

    private ClaimFacts otherClaim(String byClaimId, ClaimLookup claims, String verb) {
        if (claimId.equals(byClaimId)) {
            throw LedgerException.conflict("claim '" + claimId + "' cannot " + verb + " itself");
        }
        return claims.find(byClaimId).orElseThrow(() -> LedgerException.notFound("claim", byClaimId, "byClaim"));
    }

    /** A relation happened, unless the client says when, once both claims had been asserted; never before that. */
    private Instant relationTime(Instant at, ClaimFacts other) {
        Instant bothAsserted = recorded.assertedAt().isAfter(other.assertedAt()) ? recorded.assertedAt() : other.assertedAt();
        return at == null ? bothAsserted : notBefore(at, bothAsserted, "both claims were asserted");
    }

    /**
     * Amendments, withdrawals and retractions happened, unless the client says when, as they are recorded; a time
     * the client gives cannot precede what they change.
     */
    private static Instant changeTime(Instant at, Instant notBefore, String what, Clock clock) {
        return at == null ? clock.instant() : notBefore(at, notBefore, what);
    }

    /** A time the client gives cannot precede what the change changes. */
    private static Instant notBefore(Instant at, Instant notBefore, String what) {
        if (at.isBefore(notBefore)) {
            throw LedgerException.invalid("at", "must not be before " + what + " (" + notBefore + ")");
        }
        return at;
    }

    private static void requireQuoteIn(ArticleFacts article, String quote) {
        if (quote != null && article.text() != null && !article.text().contains(quote)) {
            throw LedgerException.unprocessable("quote", "does not occur in the text of article '" + article.articleId() + "'");
        }
    }
}
