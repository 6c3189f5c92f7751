package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimQueries.Diff;
import com.claimledger.claims.api.ClaimQueries.NarrativeDiff;
import com.claimledger.claims.api.ClaimQueries.Pair;
import com.claimledger.claims.api.ClaimQueries.Timeline;
import com.claimledger.claims.api.ClaimQueries.TimelineEntries;
import com.claimledger.claims.api.ClaimQueries.TimelineEntry;
import com.claimledger.entities.api.EntityQueries.Refs;
import com.claimledger.entities.api.EntityQueries.ResolveRefs;
import com.claimledger.ledger.projection.Sql;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** How the narrative moved: the changes between two moments on an axis, and the story of a subject or topic. */
@Component
class NarrativeReader {

    private final NamedParameterJdbcTemplate jdbc;
    private final ClaimFilters filters;
    private final QueryGateway queries;

    NarrativeReader(NamedParameterJdbcTemplate jdbc, ClaimFilters filters, QueryGateway queries) {
        this.jdbc = jdbc;
        this.filters = filters;
        this.queries = queries;
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

    TimelineEntries timeline(Timeline query) {
        var params = new MapSqlParameterSource();
        String where = " where 1 = 1" + filters.about(query.topic(), query.subject(), params, "c");
        String claims = "select c.claim_id from claim_view c" + where;
        List<TimelineEntry> entries = new ArrayList<>();
        // Each claim as recorded comes from its own row (its wording then is stored there only, V27); its source's
        // name is known once all sources are resolved.
        Map<String, String> sources = new HashMap<>();
        List<TimelineEntry> recorded = new ArrayList<>();
        jdbc.query("select c.claim_id, c.attributed_to, c.statement, c.occurred_at, c.recorded_at from claim_view c"
                + where, params, rs -> {
                    sources.put(rs.getString("claim_id"), rs.getString("attributed_to"));
                    recorded.add(entry(rs, "ClaimRecorded", rs.getString("claim_id"), rs.getString("statement")));
                });
        Refs refs = queries.query(new ResolveRefs(new HashSet<>(sources.values())), Refs.class).join();
        recorded.forEach(entry -> entries.add(new TimelineEntry(entry.occurredAt(), entry.recordedAt(), entry.type(),
                entry.claimId(), refs.of(sources.get(entry.claimId())).name() + ": " + entry.summary())));
        jdbc.query("select * from claim_wording where claim_id in (" + claims + ")", params, rs -> {
            entries.add(entry(rs, "ClaimAmended", rs.getString("claim_id"),
                    "amended to: " + rs.getString("statement") + " (" + rs.getString("reason") + ")"));
        });
        jdbc.query("select * from claim_dispute where claim_id in (" + claims + ") or by_claim_id in (" + claims + ")",
                params, rs -> {
                    String by = rs.getString("by_claim_id");
                    String id = rs.getString("claim_id");
                    entries.add(entry(rs, "ClaimDisputed", id, "disputed by " + by + reason(rs.getString("reason"))));
                    if (rs.getObject("withdrawn_occurred_at") != null) {
                        entries.add(new TimelineEntry(Sql.instant(rs, "withdrawn_occurred_at"),
                                Sql.instant(rs, "withdrawn_recorded_at"), "DisputeWithdrawn", id,
                                "dispute by " + by + " withdrawn" + reason(rs.getString("withdrawal_reason"))));
                    }
                });
        jdbc.query("select * from claim_corroboration where claim_id in (" + claims + ") or by_claim_id in (" + claims + ")",
                params, rs -> {
                    entries.add(entry(rs, "ClaimCorroborated", rs.getString("claim_id"),
                            "corroborated by " + rs.getString("by_claim_id") + reason(rs.getString("note"))));
                });
        jdbc.query("select * from claim_retraction where claim_id in (" + claims + ")", params, rs -> {
            entries.add(entry(rs, "ClaimRetracted", rs.getString("claim_id"), "retracted" + reason(rs.getString("reason"))));
        });
        jdbc.query("select * from claim_review where claim_id in (" + claims + ")", params, rs -> {
            entries.add(entry(rs, "ClaimReviewed", rs.getString("claim_id"),
                    "reviewed " + rs.getString("rating") + reason(rs.getString("explanation"))));
        });
        entries.sort(Comparator.comparing(TimelineEntry::occurredAt).thenComparing(TimelineEntry::recordedAt)
                .thenComparing(TimelineEntry::claimId));
        return new TimelineEntries(entries);
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
