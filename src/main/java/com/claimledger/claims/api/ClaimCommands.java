package com.claimledger.claims.api;

import com.claimledger.time.EventTime;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * What editors ask of a claim. Entities are given by id (names are resolved before), {@code at} is the narrative
 * time of the change when the client knows it, {@code expectedVersion} is the If-Match version when given.
 * {@code idempotent} (imports) accepts an identical repeat of a relation or retraction as a no-op instead of a conflict.
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

    public record DisputeClaim(@TargetAggregateIdentifier String claimId, String byClaimId, String reason, Instant at,
                               Long expectedVersion, boolean idempotent) {
    }

    public record WithdrawDispute(@TargetAggregateIdentifier String claimId, String byClaimId, String reason, Instant at,
                                  Long expectedVersion) {
    }

    public record CorroborateClaim(@TargetAggregateIdentifier String claimId, String byClaimId, String note, Instant at,
                                   Long expectedVersion, boolean idempotent) {
    }

    public record AmendClaim(@TargetAggregateIdentifier String claimId, String statement, String quote, String reason,
                             Instant at, Long expectedVersion) {
    }

    public record RetractClaim(@TargetAggregateIdentifier String claimId, String reason, String retractedBy, Instant at,
                               Long expectedVersion, boolean idempotent) {
    }

    public record ReviewClaim(@TargetAggregateIdentifier String claimId, Rating rating, String explanation,
                              String reviewer, Long expectedVersion) {
    }
}
