package com.claimledger.claims.api;

import com.claimledger.time.EventTime;
import com.claimledger.time.Occurrence;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The permanent record of what happened to claims. Never change one in place: add a revision and an upcaster. */
public final class ClaimEvents {

    private ClaimEvents() {
    }

    /**
     * An attributed statement appeared in an article; its narrative time is when the source asserted it. Revision 2
     * added {@code proposal}: the finder's proposal an editor accepted, absent for a claim typed by hand (and left out
     * of the payload then, so such a claim's entry reads as revision 1's did). Revision 1 events are upcast by
     * {@code ClaimRecordedUpcaster}.
     */
    @Revision("2")
    public record ClaimRecorded(String claimId, String articleId, String statement, String quote, String attributedTo,
                                List<String> subjects, String topic, Instant assertedAt, EventTime eventTime,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String proposal)
            implements Occurrence {

        /** A claim not accepted from a proposal. */
        public ClaimRecorded(String claimId, String articleId, String statement, String quote, String attributedTo,
                             List<String> subjects, String topic, Instant assertedAt, EventTime eventTime) {
            this(claimId, articleId, statement, quote, attributedTo, subjects, topic, assertedAt, eventTime, null);
        }

        @Override
        @JsonIgnore
        public Instant occurredAt() {
            return assertedAt;
        }
    }

    /** Claim {@code byClaimId} contradicts claim {@code claimId}; both stand disputed while it is in force. */
    @Revision("1")
    public record ClaimDisputed(String claimId, String byClaimId, String reason, Instant occurredAt) implements Occurrence {
    }

    /** A dispute no longer holds (for example, it was recorded in error). */
    @Revision("1")
    public record DisputeWithdrawn(String claimId, String byClaimId, String reason, Instant occurredAt)
            implements Occurrence {
    }

    /** Claim {@code byClaimId} supports claim {@code claimId}. */
    @Revision("1")
    public record ClaimCorroborated(String claimId, String byClaimId, String note, Instant occurredAt)
            implements Occurrence {
    }

    /** A new wording of the same claim (a correction); the old wording stays in history. */
    @Revision("1")
    public record ClaimAmended(String claimId, String statement, String quote, String reason, Instant occurredAt)
            implements Occurrence {
    }

    /** The claim was withdrawn, by its source or as recorded in error. */
    @Revision("1")
    public record ClaimRetracted(String claimId, String reason, String retractedBy, Instant occurredAt)
            implements Occurrence {
    }

    /** An editorial verdict on the claim. */
    @Revision("1")
    public record ClaimReviewed(String claimId, Rating rating, String explanation, String reviewer, Instant occurredAt)
            implements Occurrence {
    }
}
