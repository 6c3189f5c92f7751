package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.support.ProjectionDatabase;
import com.claimledger.time.AsOf;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walk of a list in page order (the current view by topic, or of the whole ledger) reads an index that holds
 * every column it asks of a claim on both axes (migration V21): H2 then answers it from the index alone, without a
 * claim_view row per candidate. A topic's walk names the topic key in its order, so that H2 reads the topic's index
 * range in page order and stops at the page (ordered by narrative time and id alone, it read the whole range and
 * sorted it); after a cursor, the range starts at the cursor's time.
 */
class ClaimViewIndexTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2015-07-20T00:00:00Z");

    @Test
    void theWalkIndexesHoldTheRecordedTimeToo() {
        try (ProjectionDatabase db = ProjectionDatabase.fresh()) {
            assertThat(columns(db, "IDX_CLAIM_VIEW_TOPIC")).containsExactly("TOPIC_KEY", "OCCURRED_AT", "CLAIM_ID", "RECORDED_AT");
            assertThat(columns(db, "IDX_CLAIM_VIEW_OCCURRED")).containsExactly("OCCURRED_AT", "CLAIM_ID", "RECORDED_AT");
        }
    }

    @Test
    void aTopicsWalkOnEitherAxisIsItsIndexRangeReadInPageOrder() {
        try (ProjectionDatabase db = ProjectionDatabase.fresh()) {
            for (AsOf.Axis axis : AsOf.Axis.values()) {
                String column = new Temporal(axis).column().toUpperCase();
                String first = plan(db, axis, " and c.topic_key = :topic", ClaimReader.walkPage(true, false));
                assertThat(first).as(first).contains("IDX_CLAIM_VIEW_TOPIC: TOPIC_KEY = ?1\n        AND " + column)
                        .contains("/* index sorted */");
                String next = plan(db, axis, " and c.topic_key = :topic", ClaimReader.walkPage(true, true));
                assertThat(next).as(next).containsPattern("IDX_CLAIM_VIEW_TOPIC: TOPIC_KEY = \\?1[^*]*OCCURRED_AT >= \\?")
                        .contains("/* index sorted */");
            }
        }
    }

    /**
     * The current view of a topic walks with its check and its claims' rows in one statement (thirty-seventh round):
     * the same index range in page order, stopping at the page — the rows asked beside it do not turn the plan into a
     * scan and a sort.
     */
    @Test
    void aTopicsWalkWithItsRowsAndItsCheckIsStillItsIndexRangeInPageOrder() {
        try (ProjectionDatabase db = ProjectionDatabase.fresh()) {
            for (AsOf.Axis axis : AsOf.Axis.values()) {
                Temporal time = new Temporal(axis);
                String select = "select " + ClaimRows.ROW + " from claim_view c";
                String check = time.statusIn(Set.of(ClaimStatus.STANDING, ClaimStatus.DISPUTED), "c",
                        new MapSqlParameterSource());
                for (boolean afterKey : new boolean[] {false, true}) {
                    String plan = plan(db, axis, select, " and c.topic_key = :topic",
                            check + ClaimReader.walkPage(true, afterKey));
                    assertThat(plan).as(plan).contains("IDX_CLAIM_VIEW_TOPIC: TOPIC_KEY = ?1")
                            .contains("/* index sorted */").doesNotContain("tableScan");
                }
            }
        }
    }

    /**
     * The whole ledger's first page, on either axis, with or without its claims' rows: the narrative time index, in
     * page order. Without a bound on that index's first column, H2 planned the recorded axis's walk ({@code
     * recorded_at <= :t}) on the recording time index, read every claim and sorted them: 4.1 s at 10^6 entries
     * (thirty-seventh round).
     */
    @Test
    void theWholeLedgersFirstPageOnEitherAxisIsTheNarrativeTimeIndexReadInPageOrder() {
        try (ProjectionDatabase db = ProjectionDatabase.fresh()) {
            for (AsOf.Axis axis : AsOf.Axis.values()) {
                String column = new Temporal(axis).column();
                for (String select : List.of("select c.claim_id, c.occurred_at, c." + column + " as axis_at from claim_view c",
                        "select " + ClaimRows.ROW + " from claim_view c")) {
                    String first = plan(db, axis, select, "", ClaimReader.walkPage(false, false));
                    assertThat(first).as(first).contains("IDX_CLAIM_VIEW_OCCURRED").contains("/* index sorted */")
                            .doesNotContain("IDX_CLAIM_VIEW_RECORDED");
                }
            }
        }
    }

    @Test
    void theWholeLedgersWalkAfterACursorStartsThere() {
        try (ProjectionDatabase db = ProjectionDatabase.fresh()) {
            String next = plan(db, AsOf.Axis.RECORDED, "", ClaimReader.walkPage(false, true));
            assertThat(next).as(next).containsPattern("IDX_CLAIM_VIEW_OCCURRED: [^*]*OCCURRED_AT >= \\?").contains("/* index sorted */");
        }
    }

    /** The plan of a walk as {@code ClaimReader.list} builds it, with these conditions. */
    private static String plan(ProjectionDatabase db, AsOf.Axis axis, String conditions, String page) {
        String column = new Temporal(axis).column();
        return plan(db, axis, "select c.claim_id, c.occurred_at, c." + column + " as axis_at from claim_view c",
                conditions, page);
    }

    /** The plan of a walk with this select list (and from), these conditions and this end. */
    private static String plan(ProjectionDatabase db, AsOf.Axis axis, String select, String conditions, String page) {
        String column = new Temporal(axis).column();
        String sql = "explain " + select + " where 1 = 1" + conditions + " and c." + column + " <= :t" + page;
        return String.join("\n", db.jdbc().queryForList(sql, new MapSqlParameterSource("topic", "raid").addValue("t", T)
                .addValue("afterTime", T).addValue("afterId", "c-1").addValue("count", 51), String.class));
    }

    private static List<String> columns(ProjectionDatabase db, String index) {
        return db.jdbc().queryForList("""
                select column_name from information_schema.index_columns
                where index_name = :index and table_schema = 'PUBLIC' order by ordinal_position""",
                Map.of("index", index), String.class);
    }
}
