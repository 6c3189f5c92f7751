package com.claimledger.claims.query;

import com.claimledger.articles.api.ArticleQueries.ClaimIds;
import com.claimledger.articles.api.ArticleQueries.ClaimIdsOf;
import com.claimledger.claims.api.ClaimEvents.ClaimAmended;
import com.claimledger.claims.api.ClaimEvents.ClaimCorroborated;
import com.claimledger.claims.api.ClaimEvents.ClaimDisputed;
import com.claimledger.claims.api.ClaimEvents.ClaimRecorded;
import com.claimledger.claims.api.ClaimEvents.ClaimRetracted;
import com.claimledger.claims.api.ClaimEvents.ClaimReviewed;
import com.claimledger.claims.api.ClaimEvents.DisputeWithdrawn;
import com.claimledger.claims.api.ClaimQueries.ClaimPage;
import com.claimledger.claims.api.ClaimQueries.ListReviewedClaims;
import com.claimledger.claims.api.ClaimQueries.Diff;
import com.claimledger.claims.api.ClaimQueries.NarrativeDiff;
import com.claimledger.claims.api.ClaimQueries.Timeline;
import com.claimledger.claims.api.ClaimQueries.TimelineEntries;
import com.claimledger.claims.api.ClaimQueries.DisputePage;
import com.claimledger.claims.api.ClaimQueries.FindClaim;
import com.claimledger.claims.api.ClaimQueries.ListClaims;
import com.claimledger.claims.api.ClaimQueries.ListDisputes;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.entities.api.EntityQueries.Records;
import com.claimledger.entities.api.EntityQueries.RecordsOf;
import com.claimledger.kernel.Names;
import com.claimledger.ledger.projection.ProjectionDigest;
import com.claimledger.ledger.projection.ProjectionDigest.Table;
import com.claimledger.ledger.projection.Rebuild;
import com.claimledger.ledger.projection.Sql;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Claims and every change to them, kept as temporal rows: each row carries the narrative time ({@code occurred_at})
 * and the ledger time ({@code recorded_at}) of the change, so that any view as of any moment on either axis is a
 * query, and statuses are derived at read time, never stored.
 */
@Component
@ProcessingGroup(ClaimProjection.GROUP)
class ClaimProjection {

    static final String GROUP = "claims";

    private static final List<Table> TABLES = List.of(new Table("claim_review"),
            new Table("claim_retraction"), new Table("claim_corroboration"),
            new Table("claim_dispute"), new Table("claim_wording"),
            new Table("claim_subject"), new Table("claim_word"),
            // The mark of a claim that made links is how the links are read, and may lag them for a moment (LinkMakers).
            new Table("claim_view", Set.of("makes_links")));

    private final NamedParameterJdbcTemplate jdbc;
    private final LinkMakers makers;
    private final ClaimReader reader;
    private final NarrativeReader narrative;

    ClaimProjection(NamedParameterJdbcTemplate jdbc, LinkMakers makers, ClaimReader reader, NarrativeReader narrative) {
        this.jdbc = jdbc;
        this.makers = makers;
        this.reader = reader;
        this.narrative = narrative;
    }

    @EventHandler
    void on(ClaimRecorded event, @Timestamp Instant recordedAt, @SequenceNumber long version) {
        var times = times(event.assertedAt(), recordedAt);
        List<String> subjects = event.subjects() == null ? List.of() : event.subjects();
        // The claim as recorded rides with its row (wording, subjects): a page of claims reads one row a claim
        // where it read three (V26), and the wording as recorded is stored there only: claim_wording holds the
        // amendments (V27). claim_subject below keeps the subjects for the subject filter, a function of the rows
        // (ClaimSubjects) that a replay derives instead of writing it here.
        jdbc.update("""
                insert into claim_view (claim_id, article_id, attributed_to, topic, topic_key, event_time_from,
                                        event_time_to, event_time_text, occurred_at, recorded_at, version,
                                        statement, quote, subject_ids, amendments)
                values (:id, :articleId, :attributedTo, :topic, lower(cast(:topic as varchar(100))), :from, :to,
                        :text, :occurredAt, :recordedAt, :version, :statement, :quote, :subjectIds, 0)""",
                times.addValue("id", event.claimId()).addValue("articleId", event.articleId())
                        .addValue("attributedTo", event.attributedTo()).addValue("topic", event.topic())
                        .addValue("from", event.eventTime() == null ? null : event.eventTime().from())
                        .addValue("to", event.eventTime() == null ? null : event.eventTime().to())
                        .addValue("text", event.eventTime() == null ? null : event.eventTime().text())
                        .addValue("version", version).addValue("statement", event.statement())
                        .addValue("quote", event.quote()).addValue("subjectIds", SubjectIds.join(subjects)));
        if (!Rebuild.inProgress()) {
            for (int i = 0; i < subjects.size(); i++) {
                jdbc.update("insert into claim_subject (claim_id, position, entity_id) values (:id, :position, :entityId)",
                        Map.of("id", event.claimId(), "position", i, "entityId", subjects.get(i)));
            }
        }
        indexWords(event.claimId(), event.assertedAt(), event.statement(), event.quote());
    }

    @EventHandler
    void on(ClaimDisputed event, @Timestamp Instant recordedAt, @SequenceNumber long version) {
        jdbc.update("""
                insert into claim_dispute (claim_id, by_claim_id, round, reason, occurred_at, recorded_at)
                values (:id, :by, (select count(*) from claim_dispute where claim_id = :id and by_claim_id = :by),
                        :reason, :occurredAt, :recordedAt)""",
                times(event.occurredAt(), recordedAt).addValue("id", event.claimId()).addValue("by", event.byClaimId())
                        .addValue("reason", event.reason()));
        makers.made(event.claimId(), version, event.byClaimId());
        advance(event.claimId(), version);
    }

    @EventHandler
    void on(DisputeWithdrawn event, @Timestamp Instant recordedAt, @SequenceNumber long version) {
        jdbc.update("""
                update claim_dispute set withdrawal_reason = :reason, withdrawn_occurred_at = :occurredAt,
                                         withdrawn_recorded_at = :recordedAt
                where claim_id = :id and by_claim_id = :by and withdrawn_recorded_at is null""",
                times(event.occurredAt(), recordedAt).addValue("id", event.claimId()).addValue("by", event.byClaimId())
                        .addValue("reason", event.reason()));
        advance(event.claimId(), version);
    }

    @EventHandler
    void on(ClaimCorroborated event, @Timestamp Instant recordedAt, @SequenceNumber long version) {
        jdbc.update("""
                insert into claim_corroboration (claim_id, by_claim_id, note, occurred_at, recorded_at)
                values (:id, :by, :note, :occurredAt, :recordedAt)""",
                times(event.occurredAt(), recordedAt).addValue("id", event.claimId()).addValue("by", event.byClaimId())
                        .addValue("note", event.note()));
        makers.made(event.claimId(), version, event.byClaimId());
        advance(event.claimId(), version);
    }

    @EventHandler
    void on(ClaimAmended event, @Timestamp Instant recordedAt, @SequenceNumber long version) {
        // The count tells a reader which claims have wordings beyond the one recorded with them (ClaimAssembler), and
        // numbers this amendment: revision 1 is the first (revision 0, the wording as recorded, is the row's own).
        jdbc.update("update claim_view set version = :version, amendments = amendments + 1 where claim_id = :id",
                Map.of("id", event.claimId(), "version", version));
        jdbc.update("""
                insert into claim_wording (claim_id, revision, statement, quote, reason, occurred_at, recorded_at)
                values (:id, (select amendments from claim_view where claim_id = :id), :statement, :quote, :reason,
                        :occurredAt, :recordedAt)""",
                times(event.occurredAt(), recordedAt).addValue("id", event.claimId())
                        .addValue("statement", event.statement()).addValue("quote", event.quote())
                        .addValue("reason", event.reason()));
        indexWords(event.claimId(), null, event.statement(), event.quote());
    }

    @EventHandler
    void on(ClaimRetracted event, @Timestamp Instant recordedAt, @SequenceNumber long version) {
        jdbc.update("""
                insert into claim_retraction (claim_id, reason, retracted_by, occurred_at, recorded_at)
                values (:id, :reason, :retractedBy, :occurredAt, :recordedAt)""",
                times(event.occurredAt(), recordedAt).addValue("id", event.claimId()).addValue("reason", event.reason())
                        .addValue("retractedBy", event.retractedBy()));
        advance(event.claimId(), version);
    }

    @EventHandler
    void on(ClaimReviewed event, @Timestamp Instant recordedAt, @SequenceNumber long version) {
        jdbc.update("""
                insert into claim_review (claim_id, review_no, rating, explanation, reviewer, occurred_at, recorded_at)
                values (:id, (select count(*) from claim_review where claim_id = :id), :rating, :explanation, :reviewer,
                        :occurredAt, :recordedAt)""",
                times(event.occurredAt(), recordedAt).addValue("id", event.claimId())
                        .addValue("rating", event.rating().name()).addValue("explanation", event.explanation())
                        .addValue("reviewer", event.reviewer()));
        advance(event.claimId(), version);
    }

    @ResetHandler
    void reset() {
        TABLES.forEach(table -> jdbc.update("delete from " + table.name(), Map.of()));
        jdbc.update("delete from claim_maker_pending", Map.of());
    }

    @QueryHandler
    ProjectionDigest.Part digest(ProjectionDigest.Ask query) {
        return ProjectionDigest.of(GROUP, jdbc.getJdbcTemplate(), TABLES);
    }

    /**
     * The words of a claim's wording into the search's index; {@code assertedAt}: the claim's narrative time when
     * this is the wording as recorded (no words stored before it), null for an amendment.
     */
    private void indexWords(String claimId, Instant assertedAt, String statement, String quote) {
        if (Rebuild.inProgress()) {
            // A replay derives the word index from the wordings after its switch (ClaimWords), not word by word here.
            return;
        }
        // The words of every revision stay findable: the reader keeps only claims whose wording as of t matches.
        // Each carries the claim's own narrative time (not the amendment's): the search reads a word's claims in
        // page order.
        Set<String> words = Words.of(statement, quote);
        OffsetDateTime claimOccurredAt = Sql.utc(assertedAt);
        if (assertedAt == null) {
            words.removeAll(jdbc.queryForList("select word from claim_word where claim_id = :id", Map.of("id", claimId),
                    String.class));
            claimOccurredAt = jdbc.queryForObject("select occurred_at from claim_view where claim_id = :id",
                    Map.of("id", claimId), OffsetDateTime.class);
        }
        OffsetDateTime pageTime = claimOccurredAt;
        jdbc.batchUpdate("insert into claim_word (claim_id, word, occurred_at) values (:id, :word, :occurredAt)",
                words.stream().map(word -> new MapSqlParameterSource("id", claimId).addValue("word", word)
                        .addValue("occurredAt", pageTime)).toArray(MapSqlParameterSource[]::new));
    }

    private void advance(String claimId, long version) {
        jdbc.update("update claim_view set version = :version where claim_id = :id", Map.of("id", claimId, "version", version));
    }

    private static MapSqlParameterSource times(Instant occurredAt, Instant recordedAt) {
        return new MapSqlParameterSource().addValue("occurredAt", Sql.utc(occurredAt))
                .addValue("recordedAt", Sql.utc(recordedAt));
    }

    @QueryHandler
    Optional<ClaimView> find(FindClaim query) {
        return reader.find(query.claimId(), query.asOf());
    }

    @QueryHandler
    ClaimPage list(ListClaims query) {
        return reader.list(query);
    }

    @QueryHandler
    ClaimPage reviewed(ListReviewedClaims query) {
        return reader.reviewed(query);
    }

    @QueryHandler
    DisputePage disputes(ListDisputes query) {
        return reader.disputes(query);
    }

    @QueryHandler
    Diff diff(NarrativeDiff query) {
        return narrative.diff(query);
    }

    @QueryHandler
    TimelineEntries timeline(Timeline query) {
        return narrative.timeline(query);
    }

    @QueryHandler
    Records records(RecordsOf query) {
        return reader.records(query.memberIdsByEntity());
    }

    @QueryHandler
    ClaimIds claimIds(ClaimIdsOf query) {
        return reader.claimIds(query.articleIds());
    }
}
