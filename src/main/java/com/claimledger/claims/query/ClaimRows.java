package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimView.Amendment;
import com.claimledger.claims.api.ClaimView.CorroborationLink;
import com.claimledger.claims.api.ClaimView.DisputeLink;
import com.claimledger.claims.api.ClaimView.Review;
import com.claimledger.claims.api.Rating;
import com.claimledger.ledger.projection.Sql;
import com.claimledger.time.AsOf;
import com.claimledger.time.EventTime;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One loader per claim table: the rows of these claims as of a moment, keyed by claim id. */
@Component
class ClaimRows {

    /**
     * The claim_view row: the claim as recorded (its wording then, its subjects) and how many amendments it has had
     * by now, whatever the moment. Its status as of a moment is {@link ClaimStatuses}'s, from the rows read beside it.
     */
    record Base(String articleId, String attributedTo, String topic, Instant assertedAt, EventTime eventTime,
                long version, Instant recordedAt, Amendment recorded, List<String> subjects, int amendments,
                boolean makesLinks) {

        /** The columns of claim_view a claim's base is read from, in the order {@link #of} reads them. */
        private static final List<String> COLUMNS = List.of("article_id", "attributed_to", "topic", "occurred_at",
                "event_time_from", "event_time_to", "event_time_text", "version", "recorded_at", "statement", "quote",
                "subject_ids", "amendments", "makes_links");

        /** How many columns of a result one claim's base takes ({@link #columns}). */
        static final int WIDTH = COLUMNS.size();

        /** The select list of the claim_view row of alias {@code row}: its {@link #COLUMNS}, in their order. */
        static String columns(String row) {
            return String.join(", ", COLUMNS.stream().map(column -> row + "." + column).toList());
        }

        /**
         * The base of the row whose {@link #columns} begin at column {@code first} (from 1) of the result: by position,
         * so that a statement may read two claims' rows a result row, and since a column's label is looked up in a
         * map H2 builds for each result (some 5% of a claim's read on the bus at 10^6 entries, thirty-fourth round).
         */
        static Base of(ResultSet rs, int first) throws SQLException {
            Instant assertedAt = Sql.instant(rs, first + 3);
            LocalDate from = rs.getObject(first + 4, LocalDate.class);
            String text = rs.getString(first + 6);
            EventTime eventTime = from == null && text == null ? null
                    : new EventTime(from, rs.getObject(first + 5, LocalDate.class), text);
            return new Base(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2), assertedAt,
                    eventTime, rs.getLong(first + 7), Sql.instant(rs, first + 8),
                    new Amendment(rs.getString(first + 9), rs.getString(first + 10), null, assertedAt),
                    SubjectIds.split(rs.getString(first + 11)), rs.getInt(first + 12), rs.getBoolean(first + 13));
        }
    }

    /** The select list of a claim's id and base, on alias c: the id first, the base from column 2 on. */
    static final String ROW = "c.claim_id, " + Base.columns("c");

    record RetractionRow(String reason, String retractedBy, Instant at) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    ClaimRows(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The claims visible as of the moment, in no particular order. */
    Map<String, Base> bases(List<String> ids, AsOf asOf) {
        Map<String, Base> bases = new LinkedHashMap<>();
        jdbc.query(basesSql(asOf.axis()), params(ids, asOf), rs -> {
            bases.put(rs.getString(1), Base.of(rs, 2));
        });
        return bases;
    }

    /**
     * The claim_view rows of {@code :ids} that exist at {@code :t}. Their status is not asked here: {@link
     * Temporal#status} is five subqueries a claim (250 index lookups for a page of 50, the largest share of a page's
     * lookups), and the retractions and disputes it looks at are read for the page anyway (twenty-seventh round).
     */
    static String basesSql(AsOf.Axis axis) {
        return "select " + ROW + " from claim_view c where c.claim_id in (:ids) and " + new Temporal(axis).visible("c");
    }

    /**
     * Every amendment made by the moment, oldest first (revision 1 on; the wording as recorded is on the claim's row,
     * {@link Base#recorded}).
     */
    Map<String, List<Amendment>> amendments(List<String> ids, AsOf asOf) {
        Map<String, List<Amendment>> amendments = new HashMap<>();
        jdbc.query("select * from claim_wording w where claim_id in (:ids) and " + new Temporal(asOf.axis()).visible("w")
                + " order by claim_id, revision", params(ids, asOf), rs -> {
            amendments.computeIfAbsent(rs.getString("claim_id"), k -> new ArrayList<>()).add(new Amendment(
                    rs.getString("statement"), rs.getString("quote"), rs.getString("reason"),
                    Sql.instant(rs, "occurred_at")));
        });
        return amendments;
    }

    /**
     * Disputes made by the moment, on both claims of each pair, each marked withdrawn if it was by then: those made by
     * any of the {@code makers}, and those of the {@code changed} (see {@link #eitherSide}).
     */
    Map<String, List<DisputeLink>> disputes(List<String> makers, List<String> changed, AsOf asOf) {
        Temporal time = new Temporal(asOf.axis());
        Map<String, List<DisputeLink>> disputes = new HashMap<>();
        if (makers.isEmpty() && changed.isEmpty()) {
            return disputes;
        }
        jdbc.query(eitherSide("claim_dispute", time, makers, changed) + " order by occurred_at, claim_id, by_claim_id, round",
                params(makers, asOf).addValue("changed", changed), rs -> {
            Instant withdrawnAt = Sql.instant(rs, time.withdrawnColumn());
            boolean withdrawn = withdrawnAt != null && !withdrawnAt.isAfter(asOf.at());
            String claim = rs.getString("claim_id");
            String by = rs.getString("by_claim_id");
            String reason = rs.getString("reason");
            Instant at = Sql.instant(rs, "occurred_at");
            disputes.computeIfAbsent(claim, k -> new ArrayList<>()).add(new DisputeLink(by, "DISPUTED_BY", reason, at, withdrawn));
            disputes.computeIfAbsent(by, k -> new ArrayList<>()).add(new DisputeLink(claim, "DISPUTES", reason, at, withdrawn));
        });
        return disputes;
    }

    /**
     * Corroborations made by the moment, on both claims of each pair: those made by any of the {@code makers}, and
     * those of the {@code changed} (see {@link #eitherSide}).
     */
    Map<String, List<CorroborationLink>> corroborations(List<String> makers, List<String> changed, AsOf asOf) {
        Map<String, List<CorroborationLink>> corroborations = new HashMap<>();
        if (makers.isEmpty() && changed.isEmpty()) {
            return corroborations;
        }
        jdbc.query(eitherSide("claim_corroboration", new Temporal(asOf.axis()), makers, changed)
                        + " order by occurred_at, claim_id, by_claim_id",
                params(makers, asOf).addValue("changed", changed), rs -> {
                    String claim = rs.getString("claim_id");
                    String by = rs.getString("by_claim_id");
                    String note = rs.getString("note");
                    Instant at = Sql.instant(rs, "occurred_at");
                    corroborations.computeIfAbsent(claim, k -> new ArrayList<>()).add(new CorroborationLink(by, "CORROBORATED_BY", note, at));
                    corroborations.computeIfAbsent(by, k -> new ArrayList<>()).add(new CorroborationLink(claim, "CORROBORATES", note, at));
                });
        return corroborations;
    }

    Map<String, RetractionRow> retractions(List<String> ids, AsOf asOf) {
        Map<String, RetractionRow> retractions = new HashMap<>();
        jdbc.query("select * from claim_retraction r where claim_id in (:ids) and " + new Temporal(asOf.axis()).visible("r"),
                params(ids, asOf), rs -> {
                    retractions.put(rs.getString("claim_id"), new RetractionRow(rs.getString("reason"),
                            rs.getString("retracted_by"), Sql.instant(rs, "occurred_at")));
                });
        return retractions;
    }

    Map<String, List<Review>> reviews(List<String> ids, AsOf asOf) {
        Map<String, List<Review>> reviews = new HashMap<>();
        jdbc.query("select * from claim_review v where claim_id in (:ids) and " + new Temporal(asOf.axis()).visible("v")
                + " order by claim_id, review_no", params(ids, asOf), rs -> {
            reviews.computeIfAbsent(rs.getString("claim_id"), k -> new ArrayList<>()).add(new Review(
                    Rating.valueOf(rs.getString("rating")), rs.getString("explanation"), rs.getString("reviewer"),
                    Sql.instant(rs, "occurred_at")));
        });
        return reviews;
    }

    /**
     * The rows of a link table (disputes, corroborations) made by t by one of the {@code makers} ({@code :ids},
     * {@code by_claim_id}), or about one of the {@code changed} ({@code :changed}, {@code claim_id}): each side by its
     * own index. One {@code or} across the two columns had H2 read the whole table for every page (stack samples: the
     * largest part of a view's time at 10^4 claims). A row about a claim comes from an event of that claim's own, so
     * a claim with none since its recording has none; a row made by a claim, from a claim that made a link ({@link
     * LinkMakers}) — {@link ClaimAssembler} names each side's claims; with none on one side the other alone is read,
     * without the union's merge.
     */
    private static String eitherSide(String table, Temporal time, List<String> makers, List<String> changed) {
        String made = "select * from " + table + " y where y.by_claim_id in (:ids) and " + time.visible("y");
        String about = "select * from " + table + " x where x.claim_id in (:changed) and " + time.visible("x");
        return changed.isEmpty() ? made : makers.isEmpty() ? about
                : "select * from (" + about + " union " + made + ") l";
    }

    private static MapSqlParameterSource params(List<String> ids, AsOf asOf) {
        return Temporal.at(asOf).addValue("ids", ids);
    }
}
