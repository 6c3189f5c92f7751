package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimQueries.Diff;
import com.claimledger.claims.api.ClaimQueries.NarrativeDiff;
import com.claimledger.claims.api.ClaimQueries.Pair;
import com.claimledger.claims.api.ClaimQueries.Timeline;
import com.claimledger.claims.api.ClaimQueries.TimelineEntries;
import com.claimledger.claims.api.ClaimQueries.TimelineEntry;
import com.claimledger.entities.api.EntityQueries.Refs;
import com.claimledger.entities.api.EntityQueries.ResolveRefs;
import com.claimledger.kernel.LedgerException;
import com.claimledger.ledger.projection.Sql;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the narrative moved: the changes between two moments on an axis, and the story of a subject or topic. */
@Component
class NarrativeReader {

    private final NamedParameterJdbcTemplate jdbc;
    private final ClaimFilters filters;
    private final QueryGateway queries;
    private final int mostClaims;

    /**
     * @param mostClaims the most claims one timeline tells of ({@code ledger.narrative.timeline-most-claims}): the
     *                   timeline is one answer, held whole in memory — every claim's recording and every change to it —
     *                   and the whole ledger's at 10^6 entries ran the node out of its 512 MiB heap after 100 s
     */
    NarrativeReader(NamedParameterJdbcTemplate jdbc, ClaimFilters filters, QueryGateway queries,
                    @Value("${ledger.narrative.timeline-most-claims:20000}") int mostClaims) {
        this.jdbc = jdbc;
        this.filters = filters;
        this.queries = queries;
        this.mostClaims = mostClaims;
    }

    Diff diff(NarrativeDiff query) {
        Temporal time = new Temporal(query.axis());
        String at = time.column();
        String withdrawnAt = time.withdrawnColumn();
        var params = new MapSqlParameterSource().addValue("from", Sql.utc(query.from())).addValue("to", Sql.utc(query.to()));
        return new Diff(
                ids("select claim_id from claim_view where " + time.between(at) + " order by " + at + ", claim_id", params),
                pairs("select claim_id, by_claim_id from claim_dispute where " + time.between(at)
                        + " order by " + at + ", claim_id, by_claim_id", params),
                pairs("select claim_id, by_claim_id from claim_corroboration where " + time.between(at)
                        + " order by " + at + ", claim_id, by_claim_id", params),
                ids("select claim_id from claim_wording where " + time.between(at)
                        + " group by claim_id order by min(" + at + "), claim_id", params),
                ids("select claim_id from claim_retraction where " + time.between(at) + " order by " + at + ", claim_id", params),
                pairs("select claim_id, by_claim_id from claim_dispute where " + time.between(withdrawnAt)
                        + " order by " + withdrawnAt + ", claim_id, by_claim_id", params));
    }

    /** The most claim ids one statement of the timeline names (PostgreSQL's driver takes at most 32,767 parameters). */
    static final int IDS_A_STATEMENT = 1000;

    /**
     * Every change to the claims about the subject and on the topic (either filter optional), in narrative order. The
     * claims are found first, by the subject's or the topic's index; every table is then read by their ids, a batch
     * at a time. Asked as one statement each ("claim_id in (select … where exists …)", "or by_claim_id in …"), H2
     * read every claim's row and tested each against the subject, and the disputes against the whole list row by
     * row: a local subject's timeline took over a minute at 10^6 entries (docs/benchmarks.md, twenty-fourth round).
     */
    TimelineEntries timeline(Timeline query) {
        List<String> claims = claimsOf(query);
        if (claims.size() > mostClaims) {
            throw LedgerException.unprocessable(query.subject() == null ? "topic" : "subject", "the timeline tells of at"
                    + " most " + mostClaims + " claims, and more than that are"
                    + (query.subject() == null && query.topic() == null ? " in the ledger" : " about it")
                    + ": narrow it by subject or topic (or both)");
        }
        // Each claim as recorded comes from its own row (its wording then is stored there only, V27); its source's
        // name is known once all sources are resolved.
        Map<String, String> sources = new HashMap<>();
        List<TimelineEntry> recorded = new ArrayList<>();
        List<TimelineEntry> amended = new ArrayList<>();
        List<TimelineEntry> retracted = new ArrayList<>();
        List<TimelineEntry> reviewed = new ArrayList<>();
        // A dispute or corroboration between two of the claims is read from both ends: kept once, by its key.
        Map<List<Object>, List<TimelineEntry>> disputes = new LinkedHashMap<>();
        Map<List<Object>, TimelineEntry> corroborations = new LinkedHashMap<>();
        for (int from = 0; from < claims.size(); from += IDS_A_STATEMENT) {
            var ids = new MapSqlParameterSource("ids", claims.subList(from, Math.min(claims.size(), from + IDS_A_STATEMENT)));
            jdbc.query("select claim_id, attributed_to, statement, occurred_at, recorded_at from claim_view"
                    + " where claim_id in (:ids)", ids, rs -> {
                        sources.put(rs.getString("claim_id"), rs.getString("attributed_to"));
                        recorded.add(entry(rs, "ClaimRecorded", rs.getString("claim_id"), rs.getString("statement")));
                    });
            jdbc.query("select * from claim_wording where claim_id in (:ids)", ids, rs -> {
                amended.add(entry(rs, "ClaimAmended", rs.getString("claim_id"),
                        "amended to: " + rs.getString("statement") + " (" + rs.getString("reason") + ")"));
            });
            for (String end : List.of("claim_id", "by_claim_id")) {
                jdbc.query("select * from claim_dispute where " + end + " in (:ids)", ids, rs -> {
                    String by = rs.getString("by_claim_id");
                    String id = rs.getString("claim_id");
                    List<TimelineEntry> changes = new ArrayList<>();
                    changes.add(entry(rs, "ClaimDisputed", id, "disputed by " + by + reason(rs.getString("reason"))));
                    if (rs.getObject("withdrawn_occurred_at") != null) {
                        changes.add(new TimelineEntry(Sql.instant(rs, "withdrawn_occurred_at"),
                                Sql.instant(rs, "withdrawn_recorded_at"), "DisputeWithdrawn", id,
                                "dispute by " + by + " withdrawn" + reason(rs.getString("withdrawal_reason"))));
                    }
                    disputes.put(List.of(id, by, rs.getInt("round")), changes);
                });
                jdbc.query("select * from claim_corroboration where " + end + " in (:ids)", ids, rs -> {
                    corroborations.put(List.of(rs.getString("claim_id"), rs.getString("by_claim_id")),
                            entry(rs, "ClaimCorroborated", rs.getString("claim_id"),
                                    "corroborated by " + rs.getString("by_claim_id") + reason(rs.getString("note"))));
                });
            }
            jdbc.query("select * from claim_retraction where claim_id in (:ids)", ids, rs -> {
                retracted.add(entry(rs, "ClaimRetracted", rs.getString("claim_id"), "retracted" + reason(rs.getString("reason"))));
            });
            jdbc.query("select * from claim_review where claim_id in (:ids)", ids, rs -> {
                reviewed.add(entry(rs, "ClaimReviewed", rs.getString("claim_id"),
                        "reviewed " + rs.getString("rating") + reason(rs.getString("explanation"))));
            });
        }
        Refs refs = queries.query(new ResolveRefs(new HashSet<>(sources.values())), Refs.class).join();
        // Kind after kind, as ever: the sort below is stable, so changes at the same two moments to the same claim
        // keep this order (its recording, amendments, disputes, corroborations, retractions, reviews).
        List<TimelineEntry> entries = new ArrayList<>();
        recorded.forEach(entry -> entries.add(new TimelineEntry(entry.occurredAt(), entry.recordedAt(), entry.type(),
                entry.claimId(), refs.of(sources.get(entry.claimId())).name() + ": " + entry.summary())));
        entries.addAll(amended);
        disputes.values().forEach(entries::addAll);
        entries.addAll(corroborations.values());
        entries.addAll(retracted);
        entries.addAll(reviewed);
        entries.sort(Comparator.comparing(TimelineEntry::occurredAt).thenComparing(TimelineEntry::recordedAt)
                .thenComparing(TimelineEntry::claimId));
        return new TimelineEntries(entries);
    }

    /**
     * The ids of the claims a timeline is about, one more than {@code mostClaims} at most: a subject's from the
     * subject index (then those on the topic, if given, by their rows), a topic's from the topic index, every claim
     * if neither is given.
     */
    private List<String> claimsOf(Timeline query) {
        var params = new MapSqlParameterSource("limit", mostClaims + 1);
        if (query.subject() != null && query.topic() == null) {
            return jdbc.queryForList("select distinct claim_id from claim_subject where entity_id in (:members)"
                    + " limit :limit", params.addValue("members", filters.members(query.subject())), String.class);
        }
        return jdbc.queryForList("select c.claim_id from claim_view c where 1 = 1"
                + filters.about(query.topic(), query.subject(), params, "c") + " limit :limit", params, String.class);
    }

    private List<String> ids(String sql, MapSqlParameterSource params) {
        return jdbc.queryForList(sql, params, String.class);
    }

    private List<Pair> pairs(String sql, MapSqlParameterSource params) {
        return jdbc.query(sql, params, (rs, n) -> new Pair(rs.getString("claim_id"), rs.getString("by_claim_id")));
    }

    private static TimelineEntry entry(ResultSet rs, String type, String claimId, String summary) throws SQLException {
        return new TimelineEntry(Sql.instant(rs, "occurred_at"), Sql.instant(rs, "recorded_at"), type, claimId, summary);
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }
}
