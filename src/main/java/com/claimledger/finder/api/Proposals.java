package com.claimledger.finder.api;

import com.claimledger.entities.api.EntityKind;
import com.claimledger.time.EventTime;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The attributed statements the finder reads in an article's text (SPEC section 3), and the relations between them
 * that the text itself states. Nothing here is a ledger event: an editor accepts a proposal by recording a claim.
 */
public record Proposals(String articleId, List<Proposal> proposals, List<Relation> relations) {

    /**
     * One attributed statement: the verbatim {@code quote} at {@code [start, end)} of the text (UTF-16 offsets), who
     * says it, the words that mark it as said ({@code cue}; null for the outlet's own statement), a draft
     * {@code statement}, the known entities it names, when it happened if the sentence says, and how sure the rule is.
     */
    public record Proposal(String id, String quote, int start, int end, Speaker speaker, String cue, String statement,
                           List<Subject> subjects, @JsonInclude(JsonInclude.Include.NON_NULL) EventTime eventTime,
                           double confidence) {
    }

    /** The speaker: a known entity ({@code entityId}) or a name the ledger does not know yet, with a suggested kind. */
    public record Speaker(String name, @JsonInclude(JsonInclude.Include.NON_NULL) String entityId,
                          @JsonInclude(JsonInclude.Include.NON_NULL) EntityKind kind) {
    }

    public record Subject(String name, @JsonInclude(JsonInclude.Include.NON_NULL) String entityId) {
    }

    public enum RelationType {
        DISPUTES, CORROBORATES
    }

    /** Proposal {@code byClaim} disputes or corroborates proposal {@code claim}, as the words {@code cue} say. */
    public record Relation(RelationType type, String claim, String byClaim, String cue) {
    }
}
