package com.claimledger.claims.api;

import com.claimledger.kernel.Ids;
import com.claimledger.kernel.Written;
import com.claimledger.time.EventTime;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The claims module's write face: REST, dossier import and the command line all write claims through it. Each
 * method is one ledger write (joining an enclosing one); a version, when given, is the If-Match the aggregate checks.
 */
public interface ClaimWrites {

    record NewClaim(@Pattern(regexp = Ids.PATTERN) String id,
                    @NotBlank @Size(max = 100) String articleId,
                    @NotBlank @Size(max = 4000) String statement,
                    @Size(max = 4000) String quote,
                    @NotBlank @Size(max = 200) String attributedTo,
                    @Size(max = 50) List<@NotBlank @Size(max = 200) String> subjects,
                    @Size(max = 100) String topic,
                    String assertedAt,
                    @Valid EventTime eventTime,
                    @Pattern(regexp = Ids.PATTERN) String proposal) {

        /** A claim typed by hand (no finder proposal). */
        public NewClaim(String id, String articleId, String statement, String quote, String attributedTo,
                        List<String> subjects, String topic, String assertedAt, EventTime eventTime) {
            this(id, articleId, statement, quote, attributedTo, subjects, topic, assertedAt, eventTime, null);
        }
    }

    record NewDispute(@NotBlank @Size(max = 100) String byClaim, @Size(max = 4000) String reason, String at) {
    }

    record Withdrawal(@NotBlank @Size(max = 4000) String reason, String at) {
    }

    record NewCorroboration(@NotBlank @Size(max = 100) String byClaim, @Size(max = 4000) String note, String at) {
    }

    record NewAmendment(@NotBlank @Size(max = 4000) String statement, @Size(max = 4000) String quote,
                        @NotBlank @Size(max = 4000) String reason, String at) {
    }

    record NewRetraction(@NotBlank @Size(max = 4000) String reason, @Size(max = 200) String retractedBy,
                         String at) {
    }

    record NewReview(@NotNull Rating rating, @NotBlank @Size(max = 4000) String explanation,
                     @Size(max = 200) String reviewer) {
    }

    /** Records the claim (registering unknown entity names), or accepts an identical repeat. */
    Written<String> record(NewClaim request);

    /** Records that {@code byClaim} disputes the claim, or accepts an identical repeat of a dispute in force. */
    Written<String> dispute(String claimId, NewDispute request, Long expectedVersion);

    void withdraw(String claimId, String byClaim, Withdrawal request, Long expectedVersion);

    /** Records that {@code byClaim} corroborates the claim, or accepts an identical repeat. */
    Written<String> corroborate(String claimId, NewCorroboration request, Long expectedVersion);

    void amend(String claimId, NewAmendment request, Long expectedVersion);

    /**
     * Retracts the claim. {@code repeatable}: a retraction with the same reason of an already retracted claim is
     * accepted (a dossier imported again); otherwise retracting a retracted claim is a conflict (SPEC section 2).
     */
    void retract(String claimId, NewRetraction request, Long expectedVersion, boolean repeatable);

    void review(String claimId, NewReview request, Long expectedVersion);

    /**
     * The changes of a dossier import, each applied once: an identical repeat (same content and same {@code at}) is
     * accepted and records nothing, so a dossier interrupted and sent again adds no second amendment or review.
     * {@code at} of a review is when it was published in the ledger it comes from (a review made here is timed by
     * its recording).
     */
    Written<String> disputeOnce(String claimId, NewDispute request);

    void withdrawOnce(String claimId, String byClaim, Withdrawal request);

    void amendOnce(String claimId, NewAmendment request);

    void reviewOnce(String claimId, NewReview request, String at);
}
