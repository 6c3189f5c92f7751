package com.claimledger.claims.query;

import com.claimledger.ledger.projection.DerivedTable;
import com.claimledger.ledger.projection.Sql;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The search's word index ({@code claim_word}) as a function of the claims' wordings: a row for every distinct word
 * of any wording of a claim ({@link Words#of}), carrying the claim's narrative time — exactly what the claims
 * projection's handlers write as the wordings come. A replay does not rebuild it word by word (three quarters of the
 * rows the projections hold); after the switch {@link #rederive} compares it, claim range by claim range, with what the
 * switched-in wordings say and writes only the difference — nothing, as a rule, and the repair where the index was
 * damaged or written by a different version of the word rules.
 */
@Component
@Order(1)
class ClaimWords implements DerivedTable {

    private static final List<String> COLUMNS = List.of("claim_id", "word", "occurred_at");
    private final NamedParameterJdbcTemplate jdbc;
    private final int claimsABatch;
    private final int claimsARange;

    /**
     * @param claimsARange claims a range when deriving ({@code ledger.replay.derive-claims-a-range}, 500): their
     *                     wordings (a row a revision) are all a range's query returns, far under h2.maxMemoryRows
     *                     (20,000 with -Xmx512m)
     */
    ClaimWords(NamedParameterJdbcTemplate jdbc, @Value("${ledger.replay.word-claims-a-batch:250}") int claimsABatch,
               @Value("${ledger.replay.derive-claims-a-range:500}") int claimsARange) {
        this.jdbc = jdbc;
        this.claimsABatch = Math.max(1, claimsABatch);
        this.claimsARange = Math.max(1, claimsARange);
    }

    @Override
    public String table() {
        return "claim_word";
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> sources() {
        return List.of("claim_wording", "claim_view");
    }

    /**
     * The words of each claim's wordings in schema {@code sources}, each with the claim's narrative time as read from
     * its {@code claim_view} row, claim range after claim range. A claim's wordings (as recorded on its row, then its
     * amendments) are read together, so that a word of several wordings is given once.
     */
    @Override
    public void derive(String sources, Consumer<Object[]> rows) {
        derivation(sources, 1).get(0).give(rows);
    }

    /**
     * Parts that take the claim ranges ({@code ledger.replay.derive-claims-a-range} claims each) one after another
     * from one list of ranges they share: each range is derived by the part that took it, a claim's wordings always
     * in one range.
     */
    @Override
    public List<Part> derivation(String sources, int parts) {
        return ClaimRanges.derivation(jdbc, sources, claimsARange, parts, this::derive);
    }

    private void derive(String sources, ClaimRanges.Range range, Consumer<Object[]> rows) {
        wordsOf(sources + ".", range, rs -> rs.getObject("occurred_at")).forEach((claimId, claim) -> {
            for (String word : claim.words()) {
                rows.accept(new Object[] {claimId, word, claim.occurredAt()});
            }
        });
    }

    /** A claim's words (of all its wordings) and its narrative time, as {@code time} reads it from its row. */
    private record ClaimWording<T>(T occurredAt, Set<String> words) {
    }

    /** How a claim's narrative time is read from its row. */
    private interface TimeColumn<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * The words of the claims in {@code range}, in id order, from the tables named with {@code prefix} (a schema and a
     * dot, or nothing for the default schema): the wording as recorded from each claim's row, then its amendments'
     * (claim_wording holds amendments only, V27). Two reads by primary key, no join and no sort: a range's claims are
     * few (a few thousand) and kept in a map.
     */
    private <T> Map<String, ClaimWording<T>> wordsOf(String prefix, ClaimRanges.Range range, TimeColumn<T> time) {
        Map<String, ClaimWording<T>> claims = new LinkedHashMap<>();
        jdbc.query("select c.claim_id, c.statement, c.quote, c.occurred_at from " + prefix + "claim_view c where"
                + range.where("c.claim_id") + " order by c.claim_id", range.params(), rs -> {
                    claims.put(rs.getString("claim_id"), new ClaimWording<>(time.read(rs),
                            Words.of(rs.getString("statement"), rs.getString("quote"))));
                });
        jdbc.query("select w.claim_id, w.statement, w.quote from " + prefix + "claim_wording w where"
                + range.where("w.claim_id"), range.params(), rs -> {
                    ClaimWording<T> claim = claims.get(rs.getString("claim_id"));
                    if (claim != null) {
                        claim.words().addAll(Words.of(rs.getString("statement"), rs.getString("quote")));
                    }
                });
        return claims;
    }

    /**
     * Claim range after claim range ({@code ledger.replay.word-claims-a-batch} claims, 250: some 9,000 word rows at
     * 10^6, which H2 keeps in memory — it moves a result past 20,000 rows with -Xmx512m (h2.maxMemoryRows, scaled to
     * the heap) to a temporary file first, as 2,000 claims did). The index's rows of the next range are read on a
     * thread of its own ({@link IndexReader}) while this one derives and compares the current range: reading the
     * index and deriving the words are each about half of the work, and a switch has both cores to itself.
     */
    @Override
    public void rederive() {
        try (IndexReader index = IndexReader.start(jdbc)) {
            String after = "";
            String upTo = upTo(after);
            index.request(after, upTo);
            while (true) {
                String next = upTo == null ? null : upTo(upTo);
                if (upTo != null) {
                    index.request(upTo, next);
                }
                rederive(after, upTo, index.take());
                if (upTo == null) {
                    return;
                }
                after = upTo;
                upTo = next;
            }
        }
    }

    /**
     * The upper end of the range of claims after {@code after}: its {@code claimsABatch}-th claim, or null if fewer
     * are left — the last range is open above: it also holds the word rows of claims that no longer exist (if any).
     */
    private String upTo(String after) {
        return ClaimRanges.upTo(jdbc, "claim_view", after, claimsABatch);
    }

    /** One range: the index's rows as read ({@code indexed}, claim → word → narrative time) against the wordings. */
    private void rederive(String after, String upTo, Map<String, Map<String, Instant>> indexed) {
        // claim → word → the claim's narrative time; a map a claim, not one of (claim, word) pairs: the pairs' hash
        // codes collided (a fifth of the comparison's time at 10^6 went to HashMap's tree bins and Posting.equals).
        Map<String, Map<String, Instant>> derived = new HashMap<>();
        wordsOf("", new ClaimRanges.Range(after, upTo), rs -> Sql.instant(rs, "occurred_at")).forEach((claimId, claim) -> {
            Map<String, Instant> words = derived.computeIfAbsent(claimId, id -> new HashMap<>());
            for (String word : claim.words()) {
                words.put(word, claim.occurredAt());
            }
        });
        List<MapSqlParameterSource> stale = new ArrayList<>();
        indexed.forEach((claimId, words) -> {
            Map<String, Instant> wanted = derived.get(claimId);
            words.forEach((word, occurredAt) -> {
                if (wanted != null && Objects.equals(wanted.get(word), occurredAt)) {
                    wanted.remove(word);
                } else {
                    stale.add(new MapSqlParameterSource("id", claimId).addValue("word", word));
                }
            });
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

    /**
     * Reads the index's rows of the requested claim ranges, in turn, on a thread and a connection of its own, one range
     * ahead of the comparison. It reads what is committed: during a replay's switch nothing but the comparison writes
     * the index (the projections' processors are stopped), and the comparison writes a range only after this has read
     * it, so that is the index as the switch found it. Never interrupted (an interrupt during a file read would close
     * H2's file channel): closing sends it a last request to stop at.
     */
    private static final class IndexReader implements AutoCloseable {

        private record Request(String after, String upTo) {
        }

        private static final Request STOP = new Request(null, null);

        private final NamedParameterJdbcTemplate jdbc;
        private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
        private final BlockingQueue<Object> results = new LinkedBlockingQueue<>();
        private final Thread thread;

        private IndexReader(NamedParameterJdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.thread = new Thread(this::serve, "claim-word-reader");
            this.thread.setDaemon(true);
        }

        static IndexReader start(NamedParameterJdbcTemplate jdbc) {
            IndexReader reader = new IndexReader(jdbc);
            reader.thread.start();
            return reader;
        }

        void request(String after, String upTo) {
            requests.add(new Request(after, upTo));
        }

        /** The rows of the earliest range requested and not yet taken: claim → word → narrative time. */
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Instant>> take() {
            Object result;
            try {
                result = results.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the word index", e);
            }
            if (result instanceof RuntimeException failure) {
                throw new IllegalStateException("reading the word index failed", failure);
            }
            return (Map<String, Map<String, Instant>>) result;
        }

        private void serve() {
            try {
                for (Request request = requests.take(); request != STOP; request = requests.take()) {
                    results.add(read(request));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                results.add(e);
            }
        }

        private Map<String, Map<String, Instant>> read(Request request) {
            Map<String, Map<String, Instant>> indexed = new HashMap<>();
            var claim = new Object() {
                String id;
                Map<String, Instant> words;
            };
            // In the primary key's order, so that each claim's map is looked up once for all its rows.
            jdbc.query("select claim_id, word, occurred_at from claim_word where" + ClaimRanges.where("claim_id", request.upTo())
                            + " order by claim_id, word",
                    new MapSqlParameterSource("after", request.after()).addValue("upTo", request.upTo()), rs -> {
                        String claimId = rs.getString(1);
                        if (!claimId.equals(claim.id)) {
                            claim.id = claimId;
                            claim.words = indexed.computeIfAbsent(claimId, id -> new HashMap<>());
                        }
                        claim.words.put(rs.getString(2), Sql.instant(rs, "occurred_at"));
                    });
            return indexed;
        }

        @Override
        public void close() {
            requests.add(STOP);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
