package com.claimledger.claims.api;

import com.claimledger.time.EventTime;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * What editors ask of a claim. Entities are given by id (names are resolved before), {@code at} is the narrative
 * time of the change when the client knows it, {@code expectedVersion} is the If-Match version when given.
 * {@code idempotent} (imports) accepts an identical repeat of a relation, withdrawal, amendment, retraction or review
 * as a no-op instead of a conflict or a second record: a dossier applied again records nothing new.
 */
public final class ClaimCommands {

    private ClaimCommands() {
    }

    /** {@code proposal}: the finder's proposal the claim was accepted from, or null. */
    public record RecordClaim(@TargetAggregateIdentifier String claimId, String articleId, String statement, String quote,
                              String attributedTo, List<String> subjects, String topic, Instant assertedAt,
                              EventTime eventTime, String proposal) {

        public RecordClaim(String claimId, String articleId, String statement, String quote, String attributedTo,
                           List<String> subjects, String topic, Instant assertedAt, EventTime eventTime) {
            this(claimId, articleId, statement, quote, attributedTo, subjects, topic, assertedAt, eventTime, null);
        }
    }

    /**
     * {@code once} (imports): a dispute identical to one recorded before, even one since withdrawn, is that dispute
     * again, not a new one: a dossier applied again does not dispute anew what it withdrew.
     */
    public record DisputeClaim(@TargetAggregateIdentifier String claimId, String byClaimId, String reason, Instant at,
                               Long expectedVersion, boolean idempotent, boolean once) {

        public DisputeClaim(String claimId, String byClaimId, String reason, Instant at, Long expectedVersion,
                            boolean idempotent) {
            this(claimId, byClaimId, reason, at, expectedVersion, idempotent, false);
        }
    }

    public record WithdrawDispute(@TargetAggregateIdentifier String claimId, String byClaimId, String reason, Instant at,
                                  Long expectedVersion, boolean idempotent) {

        public WithdrawDispute(String claimId, String byClaimId, String reason, Instant at, Long expectedVersion) {
            this(claimId, byClaimId, reason, at, expectedVersion, false);
        }
    }

    public record CorroborateClaim(@TargetAggregateIdentifier String claimId, String byClaimId, String note, Instant at,
                                   Long expectedVersion, boolean idempotent) {
    }

    public record AmendClaim(@TargetAggregateIdentifier String claimId, String statement, String quote, String reason,
                             Instant at, Long expectedVersion, boolean idempotent) {

        public AmendClaim(String claimId, String statement, String quote, String reason, Instant at, Long expectedVersion) {
            this(claimId, statement, quote, reason, at, expectedVersion, false);
        }
    }

    public record RetractClaim(@TargetAggregateIdentifier String claimId, String reason, String retractedBy, Instant at,
                               Long expectedVersion, boolean idempotent) {
    }

    /** {@code at}: when the review was published, given only by an import (a review moved from another ledger). */
    public record ReviewClaim(@TargetAggregateIdentifier String claimId, Rating rating, String explanation,
                              String reviewer, Instant at, Long expectedVersion, boolean idempotent) {

        public ReviewClaim(String claimId, Rating rating, String explanation, String reviewer, Long expectedVersion) {
            this(claimId, rating, explanation, reviewer, null, expectedVersion, false);
        }
    }
}
