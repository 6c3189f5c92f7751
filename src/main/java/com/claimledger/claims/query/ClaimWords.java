package com.claimledger.claims.query;

import com.claimledger.ledger.projection.DerivedTable;
import com.claimledger.ledger.projection.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The search's word index ({@code claim_word}) as a function of the claims' wordings: a row for every distinct word
 * of any wording of a claim ({@link Words#of}), carrying the claim's narrative time — exactly what the claims
 * projection's handlers write as the wordings come. A replay does not rebuild it word by word (three quarters of the
 * rows the projections hold); after the switch {@link #rederive} compares it, claim range by claim range, with what the
 * switched-in wordings say and writes only the difference — nothing, as a rule, and the repair where the index was
 * damaged or written by a different version of the word rules.
 */
@Component
class ClaimWords implements DerivedTable {

    private final NamedParameterJdbcTemplate jdbc;
    private final int claimsABatch;

    ClaimWords(NamedParameterJdbcTemplate jdbc, @Value("${ledger.replay.word-claims-a-batch:250}") int claimsABatch) {
        this.jdbc = jdbc;
        this.claimsABatch = Math.max(1, claimsABatch);
    }

    @Override
    public String table() {
        return "claim_word";
    }

    /**
     * Claim range after claim range ({@code ledger.replay.word-claims-a-batch} claims, 250: some 9,000 word rows at
     * 10^6, which H2 keeps in memory — it moves a result past 20,000 rows with -Xmx512m (h2.maxMemoryRows, scaled to
     * the heap) to a temporary file first, as 2,000 claims did).
     */
    @Override
    public void rederive() {
        String after = "";
        while (true) {
            List<String> ids = jdbc.queryForList("""
                    select claim_id from claim_view where claim_id > :after order by claim_id limit :count""",
                    new MapSqlParameterSource("after", after).addValue("count", claimsABatch), String.class);
            // The last range is open above: it also holds the word rows of claims that no longer exist (if any).
            String upTo = ids.size() < claimsABatch ? null : ids.get(ids.size() - 1);
            rederive(after, upTo);
            if (upTo == null) {
                return;
            }
            after = upTo;
        }
    }

    /** The claims with ids in ({@code after}, {@code upTo}], or above {@code after} if {@code upTo} is null. */
    private void rederive(String after, String upTo) {
        var range = new MapSqlParameterSource("after", after).addValue("upTo", upTo);
        String in = upTo == null ? " > :after" : " > :after and %s <= :upTo";
        // claim → word → the claim's narrative time; a map a claim, not one of (claim, word) pairs: the pairs' hash
        // codes collided (a fifth of the comparison's time at 10^6 went to HashMap's tree bins and Posting.equals).
        Map<String, Map<String, Instant>> derived = new HashMap<>();
        jdbc.query("select w.claim_id, w.statement, w.quote, c.occurred_at from claim_wording w join claim_view c"
                + " on c.claim_id = w.claim_id where w.claim_id" + in.formatted("w.claim_id"), range, rs -> {
                    Instant occurredAt = Sql.instant(rs, "occurred_at");
                    Map<String, Instant> words = derived.computeIfAbsent(rs.getString("claim_id"), id -> new HashMap<>());
                    for (String word : Words.of(rs.getString("statement"), rs.getString("quote"))) {
                        words.put(word, occurredAt);
                    }
                });
        List<MapSqlParameterSource> stale = new ArrayList<>();
        // In the primary key's order, so that a claim's words are looked up once for all its rows.
        var claim = new Object() {
            String id;
            Map<String, Instant> words;
        };
        jdbc.query("select claim_id, word, occurred_at from claim_word where claim_id" + in.formatted("claim_id")
                + " order by claim_id, word", range, rs -> {
                    String claimId = rs.getString(1);
                    String word = rs.getString(2);
                    if (!claimId.equals(claim.id)) {
                        claim.id = claimId;
                        claim.words = derived.get(claimId);
                    }
                    if (claim.words != null && Objects.equals(claim.words.get(word), Sql.instant(rs, "occurred_at"))) {
                        claim.words.remove(word);
                    } else {
                        stale.add(new MapSqlParameterSource("id", claimId).addValue("word", word));
                    }
                });
        if (!stale.isEmpty()) {
            jdbc.batchUpdate("delete from claim_word where claim_id = :id and word = :word",
                    stale.toArray(MapSqlParameterSource[]::new));
        }
        List<MapSqlParameterSource> missing = new ArrayList<>();
        derived.forEach((claimId, words) -> words.forEach((word, occurredAt) -> missing.add(
                new MapSqlParameterSource("id", claimId).addValue("word", word).addValue("occurredAt", Sql.utc(occurredAt)))));
        if (!missing.isEmpty()) {
            jdbc.batchUpdate("insert into claim_word (claim_id, word, occurred_at) values (:id, :word, :occurredAt)",
                    missing.toArray(MapSqlParameterSource[]::new));
        }
    }

}
