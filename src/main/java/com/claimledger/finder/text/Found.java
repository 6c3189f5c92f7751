package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityKind;
import com.claimledger.time.EventTime;

import java.util.List;

/**
 * What one attribution rule found: the verbatim span {@code [start, end)}, its speaker, the rule that found it and
 * the words that cue it. The finder's internal form of a proposal.
 */
public record Found(Rule rule, int start, int end, String quote, Speaker speaker, String cue, String statement,
                    List<KnownNames.Known> subjects, EventTime eventTime, double confidence) {

    /** A speaker as read: a known entity (id set) or a new name with a suggested kind; {@code how} it was found. */
    public record Speaker(String name, String entityId, EntityKind kind, How how) {

        public enum How {
            NAMED, PRONOUN, ROLE, ANONYMOUS, INHERITED, OUTLET
        }

        /** Same speaker: same entity, or the same new name. */
        boolean same(Speaker other) {
            if (other == null) {
                return false;
            }
            if (entityId != null || other.entityId != null) {
                return java.util.Objects.equals(entityId, other.entityId);
            }
            return KnownNames.key(name).equals(KnownNames.key(other.name));
        }
    }

    public enum Rule {
        /** Words in quotation marks, with the speaker of the reporting clause before or after them. */
        DIRECT_QUOTE,
        /** "According to X, …" or "…, according to X." */
        ACCORDING_TO,
        /** "X said / told / stressed / added / denied / agreed … (that) …". */
        REPORTING_VERB,
        /** "…, X said." with the reported words before the speaker. */
        INVERTED_REPORT,
        /** "In X's view, …". */
        IN_VIEW,
        /** "This has been disputed by X, which says …": X's account, disputing the statement before it. */
        DISPUTED_BY,
        /** "X denied reports that …": the reports as an anonymous source's claim, disputed by X's denial. */
        DENIED_REPORTS,
        /** A factual sentence of the article that no one else is said to assert: the outlet's own statement. */
        OUTLET_STATEMENT
    }

    public record Relation(String type, int claim, int byClaim, String cue) {
    }
}
