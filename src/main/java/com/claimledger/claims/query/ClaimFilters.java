package com.claimledger.claims.query;

import com.claimledger.entities.api.EntityQueries.Members;
import com.claimledger.entities.api.EntityQueries.MembersOfName;
import com.claimledger.kernel.Names;
import com.claimledger.time.AsOf;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of claim reads as SQL conditions with named parameters: topic, subject, source (any name or alias of
 * an entity, merged ones included) and full text.
 */
@Component
class ClaimFilters {

    private final NamedParameterJdbcTemplate jdbc;
    private final QueryGateway queries;
    private final int few;
    private final int mostWords;

    ClaimFilters(NamedParameterJdbcTemplate jdbc, QueryGateway queries,
                 @Value("${ledger.search.few-matches:2000}") int few,
                 @Value("${ledger.search.most-words:32}") int mostWords) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.few = few;
        this.mostWords = mostWords;
    }

    /**
     * The topic and subject filters (each optional) on the claims with these table aliases: a row matches when any
     * of its claims does, so that a dispute matches when either of its two claims does.
     */
    String about(String topic, String subject, MapSqlParameterSource params, String... claims) {
        StringBuilder sql = new StringBuilder();
        if (topic != null) {
            sql.append(" and (").append(String.join(" or ", Arrays.stream(claims)
                    .map(c -> c + ".topic_key = :topic").toList())).append(")");
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

    /** The claim (alias {@code c}) was made by the entity a name or alias denotes. */
    String source(String source, MapSqlParameterSource params) {
        params.addValue("sources", members(source));
        return " and c.attributed_to in (:sources)";
    }

    /**
     * The claims a full-text search can start from: those with a word that begins with {@code term} (the longest
     * term, the most selective as a rule, or one that begins too many words to read by word), found by an index
     * range as large as the matches — or empty when there are more than {@code ledger.search.few-matches} of them:
     * then walking the claims in order and checking each finds a page sooner.
     */
    Optional<List<String>> fewMatches(String term) {
        return few("select distinct claim_id from claim_word where word like :lead escape '\\' limit :cap",
                new MapSqlParameterSource("lead", Words.prefixPattern(term)));
    }

    /** The term of a search that its claims are looked up by: the longest (the most selective, as a rule); "" if none. */
    static String lead(String q) {
        return Words.terms(q).stream().max(Comparator.comparingInt(String::length)).orElse("");
    }

    /**
     * The distinct words of the word index that begin with {@code term}, in index order — or empty when there are
     * more than {@code ledger.search.most-words}: a term that short ("a") starts a search no better than walking the
     * claims in order does. Neither H2 nor PostgreSQL skips from one distinct value of an index to the next by itself
     * (a {@code select distinct} reads every row of every word), so each word is one seek from the last: a range
     * from the term to its successor, in index order, first row only.
     */
    Optional<List<String>> wordsBeginning(String term) {
        List<String> words = new ArrayList<>();
        var params = new MapSqlParameterSource("prefix", Words.prefixPattern(term)).addValue("from", "");
        Optional<String> successor = Words.successor(term);
        successor.ifPresent(before -> params.addValue("before", before));
        String sql = nextWordSql(successor.isPresent());
        while (true) {
            List<String> next = jdbc.queryForList(sql, params, String.class);
            if (next.isEmpty()) {
                return Optional.of(words);
            }
            if (words.size() == mostWords) {
                return Optional.empty();
            }
            words.add(next.get(0));
            // The least string above the word: a word has no control character (the API refuses them), so none
            // lies between. "word > :word" would make H2 step through every row of that word before the next one.
            params.addValue("from", next.get(0) + "\u0001");
        }
    }

    /**
     * The first word from {@code :from} on that begins with a term ({@code :prefix}, a LIKE pattern), below
     * {@code :before} when {@code bounded}: the range bounds the index read also where the pattern cannot (a generic
     * plan of PostgreSQL's), and the order is the index's, so the read stops at the first row.
     */
    static String nextWordSql(boolean bounded) {
        return "select word from claim_word where word like :prefix escape '\\' and word >= :from"
                + (bounded ? " and word < :before" : "") + " order by word limit 1";
    }

    /** The claims about the entity a name denotes (merged ones included), when there are few of them (as above). */
    Optional<List<String>> fewAbout(String subject) {
        return fewAbout(members(subject));
    }

    /** The claims about any of these entities ({@link #members} of a name), when there are few of them. */
    Optional<List<String>> fewAbout(List<String> members) {
        return few(FEW_ABOUT, new MapSqlParameterSource("members", members));
    }

    /**
     * The claims recorded by {@code :t} (in {@code params}), when there are few of them: a list of the whole ledger as of
     * a moment on the recorded axis walks the claims in narrative order and tests each one's recording time, and as of
     * a moment when few claims were recorded it would test every claim before it found a page (0.3–0.7 s at 10^6
     * entries; docs/benchmarks.md, thirty-seventh round). An index range as large as the claims recorded by then.
     */
    Optional<List<String>> fewRecordedBy(MapSqlParameterSource params) {
        return few("select claim_id from claim_view where recorded_at <= :t limit :cap",
                new MapSqlParameterSource("t", params.getValue("t")));
    }

    /** Whether this many matching claims are few: a read starts from them rather than walking ({@code few-matches}). */
    boolean areFew(int claims) {
        return claims <= few;
    }

    /** Every claim about any of these entities ({@link #members} of a name), however many. */
    Set<String> allAbout(List<String> members) {
        return new HashSet<>(jdbc.queryForList(ALL_ABOUT, new MapSqlParameterSource("members", members), String.class));
    }

    /**
     * The claims about entities {@code :members}, at most {@code :cap}; and all of them. Both read the index on
     * (entity, claim) alone (V28): with the entity alone in the index, each row was fetched for its claim.
     */
    static final String FEW_ABOUT = "select distinct claim_id from claim_subject where entity_id in (:members) limit :cap";
    static final String ALL_ABOUT = "select claim_id from claim_subject where entity_id in (:members)";

    private Optional<List<String>> few(String sql, MapSqlParameterSource params) {
        List<String> ids = jdbc.queryForList(sql, params.addValue("cap", few + 1), String.class);
        return ids.size() > few ? Optional.empty() : Optional.of(ids);
    }

    /**
     * Every one of the {@code terms} begins a word of the claim (statement and quote of any of its wordings,
     * case-insensitive): one index lookup a term. Whether the terms occur in its wording as of t, as a search asks,
     * is {@link #wordedAsOf}'s to tell: for a claim never amended this condition already says so.
     */
    String text(List<String> terms, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            sql.append(" and exists (select 1 from claim_word k where k.claim_id = c.claim_id and k.word like :word")
                    .append(i).append(" escape '\\')");
            params.addValue("word" + i, Words.prefixPattern(terms.get(i)));
        }
        return sql.toString();
    }

    /**
     * The claims of {@code ids} (in their order) whose wording as of t holds every term of {@code q}, as names compare;
     * earlier and later wordings are not searched. {@code rows}: the claims' claim_view rows, visible as of t (read by
     * the page's check): each gives the wording as recorded and how many amendments the claim has had. The claims that
     * {@link #text} let through and that were never amended hold the terms in their one wording (each term begins one
     * of its words, and the words are pieces of that text), so only amended claims' wordings are read, and only their
     * amendments: the row has the wording as recorded. (The amended ones were found by a lookup of each candidate in
     * claim_wording's primary key, and their recorded wordings read from claim_view again: an index lookup a candidate,
     * cold at 10^6 entries; docs/benchmarks.md, thirty-fifth round.)
     * (Until V22 every wording kept its text as names compare in a column of its own for a LIKE per term: twice the
     * bytes of every wording row, decoded by every read of a claim.)
     */
    List<String> wordedAsOf(List<String> ids, Map<String, ClaimRows.Base> rows, String q, AsOf asOf) {
        if (ids.isEmpty()) {
            return ids;
        }
        List<String> terms = Words.terms(q);
        // A term longer than a word is kept (Words.MAX_LENGTH) may begin a word and still not occur: read them all.
        boolean beyondAWord = terms.stream().anyMatch(term -> term.length() > Words.MAX_LENGTH);
        List<String> unsure = beyondAWord ? ids : ids.stream().filter(id -> rows.get(id).amendments() > 0).toList();
        if (unsure.isEmpty()) {
            return ids;
        }
        // The wording as recorded (on the claim's row), then each amendment made by t in turn: the last one read is
        // the wording as of t.
        Map<String, String> wordingAt = new HashMap<>();
        unsure.forEach(id -> wordingAt.put(id, wordingKey(rows.get(id).recorded().statement(),
                rows.get(id).recorded().quote())));
        List<String> amended = unsure.stream().filter(id -> rows.get(id).amendments() > 0).toList();
        if (!amended.isEmpty()) {
            jdbc.query("select w.claim_id, w.statement, w.quote from claim_wording w where w.claim_id in (:amended) and "
                    + new Temporal(asOf.axis()).visible("w") + " order by w.claim_id, w.revision",
                    Temporal.at(asOf).addValue("amended", amended), rs -> {
                        wordingAt.put(rs.getString("claim_id"), wordingKey(rs.getString("statement"),
                                rs.getString("quote")));
                    });
        }
        Set<String> unworded = new HashSet<>();
        for (String id : unsure) {
            String text = wordingAt.get(id);
            if (text == null || !terms.stream().allMatch(text::contains)) {
                unworded.add(id);
            }
        }
        return ids.stream().filter(id -> !unworded.contains(id)).toList();
    }

    /** A wording's statement and quote as names compare, the text a search's terms are looked for in. */
    private static String wordingKey(String statement, String quote) {
        return Names.key(statement + " " + (quote == null ? "" : quote));
    }

    /** The ids of the entity a name or alias denotes, merged ones included; one id that matches nothing if none. */
    List<String> members(String name) {
        List<String> ids = queries.query(new MembersOfName(name), Members.class).join().ids();
        return ids.isEmpty() ? List.of("") : ids;
    }
}
