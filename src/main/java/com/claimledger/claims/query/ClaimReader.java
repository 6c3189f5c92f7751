package com.claimledger.claims.query;

import com.claimledger.articles.api.ArticleQueries.ClaimIds;
import com.claimledger.claims.api.ClaimQueries.ClaimFilter;
import com.claimledger.claims.api.ClaimQueries.ClaimPage;
import com.claimledger.claims.api.ClaimQueries.Diff;
import com.claimledger.claims.api.ClaimQueries.DisputePage;
import com.claimledger.claims.api.ClaimQueries.DisputeView;
import com.claimledger.claims.api.ClaimQueries.ListClaims;
import com.claimledger.claims.api.ClaimQueries.ListDisputes;
import com.claimledger.claims.api.ClaimQueries.NarrativeDiff;
import com.claimledger.claims.api.ClaimQueries.Pair;
import com.claimledger.claims.api.ClaimQueries.Timeline;
import com.claimledger.claims.api.ClaimQueries.TimelineEntries;
import com.claimledger.claims.api.ClaimQueries.TimelineEntry;
import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.claims.api.ClaimView.Amendment;
import com.claimledger.claims.api.ClaimView.CorroborationLink;
import com.claimledger.claims.api.ClaimView.DisputeLink;
import com.claimledger.claims.api.ClaimView.Retraction;
import com.claimledger.claims.api.ClaimView.Review;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.claims.api.Rating;
import com.claimledger.entities.api.EntityQueries.FindEntityByName;
import com.claimledger.entities.api.EntityQueries.Records;
import com.claimledger.entities.api.EntityQueries.Refs;
import com.claimledger.entities.api.EntityQueries.ResolveRefs;
import com.claimledger.entities.api.EntityRecord;
import com.claimledger.entities.api.EntityView;
import com.claimledger.time.AsOf;
import com.claimledger.time.EventTime;
import com.claimledger.kernel.Names;
import com.claimledger.ledger.projection.PageCursor;
import com.claimledger.ledger.projection.Sql;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the claim tables as of a moment on an axis. Every time condition compares the axis column of a row with
 * {@code :t}; the status of a claim is the SQL of SPEC section 1 evaluated at {@code :t}.
 */
@Component
class ClaimReader {

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryGateway queries;
    private final Clock clock;

    ClaimReader(NamedParameterJdbcTemplate jdbc, QueryGateway queries, Clock clock) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.clock = clock;
    }

    /** Retracted as of t; else disputed if a dispute in force as of t links it; else standing. */
    static String status(String claim, String x) {
        return """
                case when exists (select 1 from claim_retraction r where r.claim_id = %1$s.claim_id and r.%2$s <= :t)
                     then 'RETRACTED'
                     when exists (select 1 from claim_dispute d
                                  where (d.claim_id = %1$s.claim_id or d.by_claim_id = %1$s.claim_id) and %3$s)
                     then 'DISPUTED'
                     else 'STANDING' end""".formatted(claim, x, inForce("d", x));
    }

    /** A dispute is in force as of t: made by t, not withdrawn by t, and neither of its claims retracted by t. */
    static String inForce(String dispute, String x) {
        return """
                %1$s.%2$s <= :t and (%1$s.withdrawn_%2$s is null or %1$s.withdrawn_%2$s > :t)
                and not exists (select 1 from claim_retraction rr
                                where rr.claim_id in (%1$s.claim_id, %1$s.by_claim_id) and rr.%2$s <= :t)"""
                .formatted(dispute, x);
    }

    Optional<ClaimView> find(String claimId, AsOf asOf) {
        return views(List.of(claimId), asOf).stream().findFirst();
    }

    ClaimPage list(ListClaims query) {
        String x = query.asOf().axis().column;
        ClaimFilter filter = query.filter();
        var params = at(query.asOf()).addValue("limit", query.limit() + 1);
        StringBuilder sql = new StringBuilder("select c.claim_id from claim_view c where c.").append(x).append(" <= :t");
        if (filter.articleId() != null) {
            sql.append(" and c.article_id = :articleId");
            params.addValue("articleId", filter.articleId());
        }
        sql.append(about(filter.topic(), filter.subject(), params, "c"));
        if (filter.source() != null) {
            sql.append(" and c.attributed_to in (:sources)");
            params.addValue("sources", members(filter.source()));
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            sql.append(" and ").append(status("c", x)).append(" in (:statuses)");
            params.addValue("statuses", filter.statuses().stream().map(Enum::name).toList());
        }
        if (filter.q() != null) {
            sql.append(textMatch(filter.q(), x, params));
        }
        if (query.cursor() != null) {
            List<String> key = PageCursor.decode(query.cursor(), 2);
            sql.append(" and (c.occurred_at > :afterTime or (c.occurred_at = :afterTime and c.claim_id > :afterId))");
            params.addValue("afterTime", Sql.utc(PageCursor.instant(key.get(0)))).addValue("afterId", key.get(1));
        }
        sql.append(" order by c.occurred_at, c.claim_id limit :limit");
        List<String> ids = jdbc.queryForList(sql.toString(), params, String.class);
        List<ClaimView> items = views(ids.stream().limit(query.limit()).toList(), query.asOf());
        String next = null;
        if (ids.size() > query.limit()) {
            ClaimView last = items.get(items.size() - 1);
            next = PageCursor.encode(last.assertedAt().toString(), last.id());
        }
        return new ClaimPage(items, next);
    }

    DisputePage disputes(ListDisputes query) {
        String x = query.asOf().axis().column;
        var params = at(query.asOf()).addValue("limit", query.limit() + 1);
        StringBuilder sql = new StringBuilder("""
                select d.claim_id, d.by_claim_id, d.reason, d.occurred_at from claim_dispute d
                join claim_view a on a.claim_id = d.claim_id
                join claim_view b on b.claim_id = d.by_claim_id
                where a.%1$s <= :t and b.%1$s <= :t and %2$s""".formatted(x, inForce("d", x)));
        sql.append(about(query.topic(), query.subject(), params, "a", "b"));
        if (query.cursor() != null) {
            List<String> key = PageCursor.decode(query.cursor(), 2);
            sql.append(" and (d.claim_id > :afterId or (d.claim_id = :afterId and d.by_claim_id > :afterBy))");
            params.addValue("afterId", key.get(0)).addValue("afterBy", key.get(1));
        }
        sql.append(" order by d.claim_id, d.by_claim_id limit :limit");
        record Row(String claimId, String byClaimId, String reason, Instant at) {
        }
        List<Row> rows = jdbc.query(sql.toString(), params, (rs, n) -> new Row(rs.getString("claim_id"),
                rs.getString("by_claim_id"), rs.getString("reason"), Sql.instant(rs, "occurred_at")));
        List<Row> page = rows.stream().limit(query.limit()).toList();
        Set<String> ids = new HashSet<>();
        page.forEach(row -> {
            ids.add(row.claimId());
            ids.add(row.byClaimId());
        });
        Map<String, ClaimView> claims = new HashMap<>();
        views(List.copyOf(ids), query.asOf()).forEach(view -> claims.put(view.id(), view));
        List<DisputeView> items = page.stream().map(row -> new DisputeView(claims.get(row.claimId()),
                claims.get(row.byClaimId()), row.reason(), row.at())).toList();
        String next = rows.size() > query.limit()
                ? PageCursor.encode(page.get(page.size() - 1).claimId(), page.get(page.size() - 1).byClaimId())
                : null;
        return new DisputePage(items, next);
    }

    Records records(Map<String, List<String>> memberIdsByEntity) {
        String x = AsOf.Axis.PUBLISHED.column;
        Map<String, EntityRecord> records = new HashMap<>();
        memberIdsByEntity.forEach((entity, members) -> {
            var params = at(AsOf.now(clock)).addValue("members", members);
            records.put(entity, jdbc.queryForObject("""
                    select count(*) as made,
                           coalesce(sum(case when s.status = 'DISPUTED' then 1 else 0 end), 0) as disputed,
                           coalesce(sum(case when s.status = 'RETRACTED' then 1 else 0 end), 0) as retracted,
                           coalesce(sum(s.corroborated), 0) as corroborated
                    from (select %1$s as status,
                                 case when exists (select 1 from claim_corroboration k
                                                   where k.claim_id = c.claim_id and k.%2$s <= :t) then 1 else 0 end
                                     as corroborated
                          from claim_view c where c.attributed_to in (:members) and c.%2$s <= :t) s"""
                    .formatted(status("c", x), x), params, (rs, n) -> new EntityRecord(rs.getLong("made"),
                    rs.getLong("disputed"), rs.getLong("retracted"), rs.getLong("corroborated"))));
        });
        return new Records(records);
    }

    ClaimIds claimIds(Collection<String> articleIds) {
        Map<String, List<String>> byArticle = new HashMap<>();
        if (!articleIds.isEmpty()) {
            jdbc.query("select article_id, claim_id from claim_view where article_id in (:ids) order by occurred_at, claim_id",
                    Map.of("ids", articleIds), rs -> {
                        byArticle.computeIfAbsent(rs.getString("article_id"), a -> new ArrayList<>()).add(rs.getString("claim_id"));
                    });
        }
        return new ClaimIds(byArticle);
    }

    Diff diff(NarrativeDiff query) {
        String x = query.axis().column;
        var params = new MapSqlParameterSource().addValue("from", Sql.utc(query.from())).addValue("to", Sql.utc(query.to()));
        String range = " > :from and %1$s <= :to";
        return new Diff(
                jdbc.queryForList("select claim_id from claim_view where " + x + range.formatted(x)
                        + " order by " + x + ", claim_id", params, String.class),
                pairs("select claim_id, by_claim_id from claim_dispute where " + x + range.formatted(x)
                        + " order by " + x + ", claim_id, by_claim_id", params),
                pairs("select claim_id, by_claim_id from claim_corroboration where " + x + range.formatted(x)
                        + " order by " + x + ", claim_id, by_claim_id", params),
                jdbc.queryForList("select claim_id from claim_wording where revision > 0 and " + x + range.formatted(x)
                        + " group by claim_id order by min(" + x + "), claim_id", params, String.class),
                jdbc.queryForList("select claim_id from claim_retraction where " + x + range.formatted(x)
                        + " order by " + x + ", claim_id", params, String.class),
                pairs("select claim_id, by_claim_id from claim_dispute where withdrawn_" + x
                        + range.formatted("withdrawn_" + x) + " order by withdrawn_" + x + ", claim_id, by_claim_id", params));
    }

    private List<Pair> pairs(String sql, MapSqlParameterSource params) {
        return jdbc.query(sql, params, (rs, n) -> new Pair(rs.getString("claim_id"), rs.getString("by_claim_id")));
    }

    TimelineEntries timeline(Timeline query) {
        var params = new MapSqlParameterSource();
        String where = " where 1 = 1" + about(query.topic(), query.subject(), params, "c");
        String claims = "select c.claim_id from claim_view c" + where;
        List<TimelineEntry> entries = new ArrayList<>();
        Map<String, String> sources = new HashMap<>();
        jdbc.query("select c.claim_id, c.attributed_to from claim_view c" + where, params,
                rs -> {
                    sources.put(rs.getString("claim_id"), rs.getString("attributed_to"));
                });
        Refs refs = queries.query(new ResolveRefs(new HashSet<>(sources.values())), Refs.class).join();
        jdbc.query("select * from claim_wording where claim_id in (" + claims + ")", params, rs -> {
            String id = rs.getString("claim_id");
            boolean original = rs.getInt("revision") == 0;
            entries.add(entry(rs, original ? "ClaimRecorded" : "ClaimAmended", id, original
                    ? refs.of(sources.get(id)).name() + ": " + rs.getString("statement")
                    : "amended to: " + rs.getString("statement") + " (" + rs.getString("reason") + ")"));
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

    private static TimelineEntry entry(ResultSet rs, String type, String claimId, String summary) throws SQLException {
        return new TimelineEntry(Sql.instant(rs, "occurred_at"), Sql.instant(rs, "recorded_at"), type, claimId, summary);
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }

    /**
     * The topic and subject filters (each optional) on the claims with these table aliases: a row matches when any
     * of its claims does, so that a dispute matches when either of its two claims does.
     */
    private String about(String topic, String subject, MapSqlParameterSource params, String... claims) {
        StringBuilder sql = new StringBuilder();
        if (topic != null) {
            sql.append(" and (").append(String.join(" or ", Arrays.stream(claims)
                    .map(c -> "lower(" + c + ".topic) = :topic").toList())).append(")");
            params.addValue("topic", Names.key(topic));
        }
        if (subject != null) {
            sql.append(" and exists (select 1 from claim_subject s where s.claim_id in (")
                    .append(String.join(", ", Arrays.stream(claims).map(c -> c + ".claim_id").toList()))
                    .append(") and s.entity_id in (:subjects))");
            params.addValue("subjects", members(subject));
        }
        return sql.toString();
    }

    /** Every term of {@code q} must occur in the claim's wording as of t (statement and quote, case-insensitive). */
    private static String textMatch(String q, String x, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder(" " + """
                and exists (select 1 from claim_wording w where w.claim_id = c.claim_id
                   and w.revision = (select max(w2.revision) from claim_wording w2
                                     where w2.claim_id = c.claim_id and w2.%s <= :t)""".formatted(x));
        String[] terms = Names.key(q).split(" ");
        for (int i = 0; i < terms.length; i++) {
            sql.append(" and w.search_text like :term").append(i).append(" escape '\\'");
            params.addValue("term" + i, "%" + terms[i].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return sql.append(")").toString();
    }

    /** The ids of the entity a name or alias denotes, merged ones included; none if the name is unknown. */
    private List<String> members(String name) {
        return queries.query(new FindEntityByName(name), ResponseTypes.optionalInstanceOf(EntityView.class)).join()
                .map(EntityView::memberIds).orElse(List.of("\u0000none"));
    }

    private static MapSqlParameterSource at(AsOf asOf) {
        return new MapSqlParameterSource().addValue("t", Sql.utc(asOf.at()));
    }

    /** Full claim views, in the order of {@code ids}, as of the moment asked for. */
    private List<ClaimView> views(List<String> ids, AsOf asOf) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String x = asOf.axis().column;
        var params = at(asOf).addValue("ids", ids);
        Map<String, Base> bases = new LinkedHashMap<>();
        jdbc.query("select c.*, " + status("c", x) + " as status from claim_view c where c.claim_id in (:ids) and c."
                + x + " <= :t", params, rs -> {
            bases.put(rs.getString("claim_id"), Base.of(rs));
        });
        Map<String, List<String>> subjects = new HashMap<>();
        jdbc.query("select claim_id, entity_id from claim_subject where claim_id in (:ids) order by claim_id, position",
                params, rs -> {
                    subjects.computeIfAbsent(rs.getString("claim_id"), k -> new ArrayList<>()).add(rs.getString("entity_id"));
                });
        Map<String, List<Amendment>> wordings = new HashMap<>();
        jdbc.query("select * from claim_wording where claim_id in (:ids) and " + x + " <= :t order by claim_id, revision",
                params, rs -> {
                    wordings.computeIfAbsent(rs.getString("claim_id"), k -> new ArrayList<>()).add(new Amendment(
                            rs.getString("statement"), rs.getString("quote"), rs.getString("reason"),
                            Sql.instant(rs, "occurred_at")));
                });
        Map<String, List<DisputeLink>> disputes = new HashMap<>();
        jdbc.query("select * from claim_dispute where (claim_id in (:ids) or by_claim_id in (:ids)) and " + x
                + " <= :t order by occurred_at, claim_id, by_claim_id, round", params, rs -> {
            Instant withdrawnAt = Sql.instant(rs, "withdrawn_" + x);
            boolean withdrawn = withdrawnAt != null && !withdrawnAt.isAfter(asOf.at());
            String claim = rs.getString("claim_id");
            String by = rs.getString("by_claim_id");
            String reason = rs.getString("reason");
            Instant at = Sql.instant(rs, "occurred_at");
            disputes.computeIfAbsent(claim, k -> new ArrayList<>()).add(new DisputeLink(by, "DISPUTED_BY", reason, at, withdrawn));
            disputes.computeIfAbsent(by, k -> new ArrayList<>()).add(new DisputeLink(claim, "DISPUTES", reason, at, withdrawn));
        });
        Map<String, List<CorroborationLink>> corroborations = new HashMap<>();
        jdbc.query("select * from claim_corroboration where (claim_id in (:ids) or by_claim_id in (:ids)) and " + x
                + " <= :t order by occurred_at, claim_id, by_claim_id", params, rs -> {
            String claim = rs.getString("claim_id");
            String by = rs.getString("by_claim_id");
            String note = rs.getString("note");
            Instant at = Sql.instant(rs, "occurred_at");
            corroborations.computeIfAbsent(claim, k -> new ArrayList<>()).add(new CorroborationLink(by, "CORROBORATED_BY", note, at));
            corroborations.computeIfAbsent(by, k -> new ArrayList<>()).add(new CorroborationLink(claim, "CORROBORATES", note, at));
        });
        record RetractionRow(String reason, String retractedBy, Instant at) {
        }
        Map<String, RetractionRow> retractions = new HashMap<>();
        jdbc.query("select * from claim_retraction where claim_id in (:ids) and " + x + " <= :t", params, rs -> {
            retractions.put(rs.getString("claim_id"), new RetractionRow(rs.getString("reason"),
                    rs.getString("retracted_by"), Sql.instant(rs, "occurred_at")));
        });
        Map<String, List<Review>> reviews = new HashMap<>();
        jdbc.query("select * from claim_review where claim_id in (:ids) and " + x + " <= :t order by claim_id, review_no",
                params, rs -> {
                    reviews.computeIfAbsent(rs.getString("claim_id"), k -> new ArrayList<>()).add(new Review(
                            Rating.valueOf(rs.getString("rating")), rs.getString("explanation"), rs.getString("reviewer"),
                            Sql.instant(rs, "occurred_at")));
                });

        Set<String> entityIds = new HashSet<>();
        bases.values().forEach(base -> entityIds.add(base.attributedTo()));
        subjects.values().forEach(entityIds::addAll);
        retractions.values().forEach(r -> entityIds.add(r.retractedBy()));
        Refs refs = queries.query(new ResolveRefs(entityIds), Refs.class).join();

        List<ClaimView> views = new ArrayList<>();
        for (String id : ids) {
            Base base = bases.get(id);
            if (base == null) {
                continue;
            }
            List<Amendment> wording = wordings.get(id);
            Amendment current = wording.get(wording.size() - 1);
            RetractionRow retraction = retractions.get(id);
            views.add(new ClaimView(id, base.version(), base.articleId(), current.statement(), current.quote(),
                    refs.of(base.attributedTo()),
                    subjects.getOrDefault(id, List.of()).stream().map(refs::of).distinct().toList(),
                    base.topic(), base.assertedAt(), base.eventTime(), base.status(),
                    disputes.getOrDefault(id, List.of()), corroborations.getOrDefault(id, List.of()),
                    List.copyOf(wording.subList(1, wording.size())),
                    retraction == null ? null : new Retraction(retraction.reason(), refs.of(retraction.retractedBy()), retraction.at()),
                    reviews.getOrDefault(id, List.of()), base.recordedAt()));
        }
        return views;
    }

    private record Base(String articleId, String attributedTo, String topic, Instant assertedAt, EventTime eventTime,
                        ClaimStatus status, long version, Instant recordedAt) {

        static Base of(ResultSet rs) throws SQLException {
            LocalDate from = rs.getObject("event_time_from", LocalDate.class);
            String text = rs.getString("event_time_text");
            EventTime eventTime = from == null && text == null ? null
                    : new EventTime(from, rs.getObject("event_time_to", LocalDate.class), text);
            return new Base(rs.getString("article_id"), rs.getString("attributed_to"), rs.getString("topic"),
                    Sql.instant(rs, "occurred_at"), eventTime, ClaimStatus.valueOf(rs.getString("status")),
                    rs.getLong("version"), Sql.instant(rs, "recorded_at"));
        }
    }
}
