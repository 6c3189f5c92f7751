package com.claimledger.claims.query;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import com.claimledger.ledger.projection.DerivedTable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The claims in ranges of their ids, in id order, a fixed number of claims each: how the claims projection's derived
 * tables ({@link ClaimWords}, {@link ClaimSubjects}) read their sources and compare themselves a part at a time. The
 * ranges are handed out one at a time, so that parts running at once share them.
 */
final class ClaimRanges {

    private static final Pattern SCHEMA = Pattern.compile("[a-z_]+");

    /** How a derived table gives the rows of one range of claims, read from schema {@code sources}. */
    @FunctionalInterface
    interface RangeDerivation {
        void give(String sources, Range range, Consumer<Object[]> rows);
    }

    /**
     * A derivation from schema {@code sources} as {@code parts} parts that take the ranges of {@code claims} claims one
     * after another from one list they share ({@link DerivedTable#derivation}): each range is derived by the part that
     * took it, so a claim's rows always come from one part.
     */
    static List<DerivedTable.Part> derivation(NamedParameterJdbcTemplate jdbc, String sources, int claims, int parts,
                                              RangeDerivation range) {
        if (!SCHEMA.matcher(sources).matches()) {
            throw new IllegalArgumentException("not a schema name: " + sources);
        }
        ClaimRanges ranges = new ClaimRanges(jdbc, sources + ".claim_view", claims);
        List<DerivedTable.Part> derivation = new ArrayList<>();
        for (int i = 0; i < Math.max(1, parts); i++) {
            derivation.add(rows -> {
                for (Range next = ranges.next(); next != null; next = ranges.next()) {
                    range.give(sources, next, rows);
                }
            });
        }
        return derivation;
    }

    /** The claims with ids in ({@code after}, {@code upTo}]; above {@code after} if {@code upTo} is null. */
    record Range(String after, String upTo) {

        /** {@code :after} and {@code :upTo} for {@link #where}. */
        MapSqlParameterSource params() {
            return new MapSqlParameterSource("after", after).addValue("upTo", upTo);
        }

        /** The condition on {@code column} (a claim id) that keeps this range's claims, on {@link #params}. */
        String where(String column) {
            return ClaimRanges.where(column, upTo);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final String claimView;
    private final int claims;
    private String after = "";

    /** The ranges of {@code claims} claims each over table {@code claimView} (as qualified). */
    ClaimRanges(NamedParameterJdbcTemplate jdbc, String claimView, int claims) {
        this.jdbc = jdbc;
        this.claimView = claimView;
        this.claims = Math.max(1, claims);
    }

    /**
     * The next range, or null once the last has been handed out. The last is open above: it also holds the rows of
     * claims that no longer exist in {@code claimView} (if any), so that every row of a table keyed by claim id is in
     * a range.
     */
    synchronized Range next() {
        if (after == null) {
            return null;
        }
        Range range = new Range(after, upTo(jdbc, claimView, after, claims));
        after = range.upTo();
        return range;
    }

    /** The upper end of the range of {@code claims} claims in {@code claimView} after {@code after}; null if fewer are left. */
    static String upTo(NamedParameterJdbcTemplate jdbc, String claimView, String after, int claims) {
        List<String> ids = jdbc.queryForList("select claim_id from " + claimView + " where claim_id > :after"
                        + " order by claim_id limit :count",
                new MapSqlParameterSource("after", after).addValue("count", claims), String.class);
        return ids.size() < claims ? null : ids.get(ids.size() - 1);
    }

    /** The claims with ids in ({@code :after}, {@code :upTo}], or above {@code :after} if {@code upTo} is null. */
    static String where(String column, String upTo) {
        return upTo == null ? " " + column + " > :after" : " " + column + " > :after and " + column + " <= :upTo";
    }
}
