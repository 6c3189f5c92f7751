package com.claimledger.claims.query;

import com.claimledger.ledger.projection.DerivedTable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The subject filter's table ({@code claim_subject}: a row for each subject of a claim, in its position) as a function
 * of the claims' rows, which hold each claim's subjects' ids in order since V26 ({@code claim_view.subject_ids}) —
 * exactly what the claims projection's handler writes with a claim; a claim's subjects never change. A replay does not
 * rebuild it row by row (some two rows a claim: at 10^6 more rows than any other table a replay writes); it derives
 * them from the claims' rows while the events are fed and compares, and {@link #rederive} repairs only what differs —
 * nothing, as a rule (docs/benchmarks.md, twenty-third round).
 */
@Component
@Order(2)
class ClaimSubjects implements DerivedTable {

    private static final List<String> COLUMNS = List.of("claim_id", "position", "entity_id");
    private final NamedParameterJdbcTemplate jdbc;
    private final int claimsARange;

    /** @param claimsARange claims a range ({@code ledger.replay.derive-claims-a-range}, 500), as for the words */
    ClaimSubjects(NamedParameterJdbcTemplate jdbc, @Value("${ledger.replay.derive-claims-a-range:500}") int claimsARange) {
        this.jdbc = jdbc;
        this.claimsARange = Math.max(1, claimsARange);
    }

    @Override
    public String table() {
        return "claim_subject";
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> sources() {
        return List.of("claim_view");
    }

    @Override
    public void derive(String sources, Consumer<Object[]> rows) {
        derivation(sources, 1).get(0).give(rows);
    }

    /** Parts that take the claim ranges one after another from one list of ranges they share. */
    @Override
    public List<Part> derivation(String sources, int parts) {
        return ClaimRanges.derivation(jdbc, sources, claimsARange, parts, (schema, range, rows) ->
                subjectsOf(schema + ".", range).forEach((key, entityId) -> rows.accept(
                        new Object[] {key.claimId(), key.position(), entityId})));
    }

    /** A row's key: the claim and the subject's position among its subjects. */
    private record Key(String claimId, Integer position) {
    }

    /**
     * The subjects of the claims in {@code range} as their rows hold them, from the table named with {@code prefix} (a
     * schema and a dot, or nothing for the default schema): key → entity id. The position is an {@link Integer}, as
     * JDBC reads the column: a row derived and the same row read fingerprint alike.
     */
    private Map<Key, String> subjectsOf(String prefix, ClaimRanges.Range range) {
        Map<Key, String> subjects = new java.util.LinkedHashMap<>();
        jdbc.query("select c.claim_id, c.subject_ids from " + prefix + "claim_view c where" + range.where("c.claim_id")
                + " order by c.claim_id", range.params(), rs -> {
                    String claimId = rs.getString("claim_id");
                    List<String> entityIds = SubjectIds.split(rs.getString("subject_ids"));
                    for (int position = 0; position < entityIds.size(); position++) {
                        subjects.put(new Key(claimId, position), entityIds.get(position));
                    }
                });
        return subjects;
    }

    /**
     * Claim range after claim range, in the caller's transaction: the rows of the range that differ from what the
     * claims' rows say (or whose claim has no row) are deleted, the missing ones inserted.
     */
    @Override
    public void rederive() {
        ClaimRanges ranges = new ClaimRanges(jdbc, "claim_view", claimsARange);
        for (ClaimRanges.Range range = ranges.next(); range != null; range = ranges.next()) {
            Map<Key, String> wanted = subjectsOf("", range);
            Map<Key, String> stale = new HashMap<>();
            jdbc.query("select claim_id, position, entity_id from claim_subject where" + range.where("claim_id"),
                    range.params(), rs -> {
                        Key key = new Key(rs.getString("claim_id"), rs.getInt("position"));
                        if (Objects.equals(wanted.get(key), rs.getString("entity_id"))) {
                            wanted.remove(key);
                        } else {
                            stale.put(key, rs.getString("entity_id"));
                        }
                    });
            if (!stale.isEmpty()) {
                jdbc.batchUpdate("delete from claim_subject where claim_id = :id and position = :position",
                        stale.keySet().stream().map(key -> new MapSqlParameterSource("id", key.claimId())
                                .addValue("position", key.position())).toArray(MapSqlParameterSource[]::new));
            }
            if (!wanted.isEmpty()) {
                jdbc.batchUpdate("insert into claim_subject (claim_id, position, entity_id) values (:id, :position, :entityId)",
                        wanted.entrySet().stream().map(row -> new MapSqlParameterSource("id", row.getKey().claimId())
                                .addValue("position", row.getKey().position()).addValue("entityId", row.getValue()))
                                .toArray(MapSqlParameterSource[]::new));
            }
        }
    }
}
