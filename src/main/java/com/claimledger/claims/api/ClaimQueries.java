package com.claimledger.claims.api;

import com.claimledger.time.AsOf;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Queries answered by the claim projection. */
public final class ClaimQueries {

    private ClaimQueries() {
    }

    public record FindClaim(String claimId, AsOf asOf) {
    }

    /**
     * Claims visible as of {@code asOf}, ordered by assertion time then id. Every filter is optional; {@code subject}
     * and {@code source} take any name or alias; {@code statuses} empty means any.
     */
    public record ListClaims(AsOf asOf, ClaimFilter filter, int limit, String cursor) {
    }

    public record ClaimFilter(String q, String subject, String source, String topic, String articleId,
                              Set<ClaimStatus> statuses) {

        public static ClaimFilter of(String subject, String source, String topic, Set<ClaimStatus> statuses) {
            return new ClaimFilter(null, subject, source, topic, null, statuses);
        }
    }

    public record ClaimPage(List<ClaimView> items, String next) {
    }

    /** Every claim with at least one review, as it stands now, ordered by id (the ClaimReview feed). */
    public record ListReviewedClaims(int limit, String cursor) {
    }

    /** Disputes in force as of {@code asOf}; a dispute matches a filter when either of its claims does. */
    public record ListDisputes(AsOf asOf, String subject, String topic, int limit, String cursor) {
    }

    public record DisputeView(ClaimView claim, ClaimView byClaim, String reason, Instant at) {
    }

    public record DisputePage(List<DisputeView> items, String next) {
    }

    /** The changes to claims with {@code from < time <= to} on the axis. */
    public record NarrativeDiff(Instant from, Instant to, AsOf.Axis axis) {
    }

    public record Pair(String claimId, String byClaim) {
    }

    public record Diff(List<String> recorded, List<Pair> disputed, List<Pair> corroborated, List<String> amended,
                       List<String> retracted, List<Pair> withdrawn) {
    }

    /** Every change to the claims about {@code subject} (any name or alias) and/or on {@code topic}, in narrative order. */
    public record Timeline(String subject, String topic) {
    }

    public record TimelineEntry(Instant occurredAt, Instant recordedAt, String type, String claimId, String summary) {
    }

    public record TimelineEntries(List<TimelineEntry> entries) {
    }
}
