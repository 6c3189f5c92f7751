package com.claimledger.claims.api;

import com.claimledger.entities.api.EntityRef;
import com.claimledger.time.EventTime;

import java.time.Instant;
import java.util.List;

/**
 * A claim as it stood at the moment asked for: its wording then, its status then, and the relations in force then.
 * Entities are their canonical selves, whatever the moment (identity is not narrative).
 */
public record ClaimView(String id, long version, String articleId, String statement, String quote,
                        EntityRef attributedTo, List<EntityRef> subjects, String topic, Instant assertedAt,
                        EventTime eventTime, ClaimStatus status, List<DisputeLink> disputes,
                        List<CorroborationLink> corroborations, List<Amendment> amendments, Retraction retraction,
                        List<Review> reviews, Instant recordedAt) {

    /** {@code role} DISPUTED_BY: the other claim contradicts this one; DISPUTES: this one contradicts the other. */
    public record DisputeLink(String claimId, String role, String reason, Instant at, boolean withdrawn) {
    }

    /** {@code role} CORROBORATED_BY: the other claim supports this one; CORROBORATES: this one supports the other. */
    public record CorroborationLink(String claimId, String role, String note, Instant at) {
    }

    public record Amendment(String statement, String quote, String reason, Instant at) {
    }

    public record Retraction(String reason, EntityRef retractedBy, Instant at) {
    }

    public record Review(Rating rating, String explanation, String reviewer, Instant at) {
    }
}
