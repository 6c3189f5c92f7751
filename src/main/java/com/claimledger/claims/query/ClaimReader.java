package com.claimledger.claims.query;

import com.claimledger.articles.api.ArticleQueries.ClaimIds;
import com.claimledger.claims.api.ClaimQueries.ClaimFilter;
import com.claimledger.claims.api.ClaimQueries.ClaimPage;
import com.claimledger.claims.api.ClaimQueries.ListReviewedClaims;
import com.claimledger.claims.api.ClaimQueries.DisputePage;
import com.claimledger.claims.api.ClaimQueries.DisputeView;
import com.claimledger.claims.api.ClaimQueries.ListClaims;
import com.claimledger.claims.api.ClaimQueries.ListDisputes;
import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.claims.query.ClaimRows.Base;
import com.claimledger.entities.api.EntityQueries.Records;
import com.claimledger.entities.api.EntityRecord;
import com.claimledger.kernel.Names;
import com.claimledger.ledger.projection.PageCursor;
import com.claimledger.ledger.projection.Sql;
import com.claimledger.time.AsOf;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads claims as of a moment on an axis: one claim, filtered pages of claims and of disputes in force, and each
 * source's record. Which rows count at the moment is {@link Temporal}'s SQL; whole claims come from
 * {@link ClaimAssembler}.
 */
@Component
class ClaimReader {

    private final NamedParameterJdbcTemplate jdbc;
    private final ClaimAssembler assembler;
    private final ClaimFilters filters;
    private final Clock clock;

    ClaimReader(NamedParameterJdbcTemplate jdbc, ClaimAssembler assembler, ClaimFilters filters, Clock clock) {
        this.jdbc = jdbc;
        this.assembler = assembler;
        this.filters = filters;
        this.clock = clock;
    }

    Optional<ClaimView> find(String claimId, AsOf asOf) {
        return assembler.views(List.of(claimId), asOf).stream().findFirst();
    }

    ClaimPage list(ListClaims query) {
        Temporal time = new Temporal(query.asOf().axis());
        ClaimFilter filter = query.filter();
        var params = Temporal.at(query.asOf()).addValue("limit", query.limit() + 1);
        // The claim's time on the read's axis comes along: a list from few claims tests it here (see pool).
        // Retracted claims alone (the retracted view) come from the retractions made by t, one claim in two hundred in
        // the benchmark's corpus: walking the claims for them read the whole ledger for a page (0.4-0.6 s at 10^6
        // entries; docs/benchmarks.md, twenty-fifth round).
        boolean retractedOnly = Set.of(ClaimStatus.RETRACTED).equals(filter.statuses());
        String candidate = "select c.claim_id, c.occurred_at, c." + time.column() + " as axis_at";
        StringBuilder sql = new StringBuilder(" from ").append(retractedOnly
                        ? "claim_retraction r join claim_view c on c.claim_id = r.claim_id where " + time.visible("r")
                        : "claim_view c where 1 = 1");
        // A search alone reads the claims of the words its terms begin in page order from the word index: a page
        // costs about a page of candidates, however many claims match (each term's claims, intersected, when it has
        // several). A term that begins too many words is left to the checks. Beside a filter that names claims
        // (article, topic, subject, source) it starts as a list does, from the fewest.
        Optional<List<List<String>>> words = Optional.empty();
        // The longest of the search's terms that begin too many words to read their postings ("12345" begins
        // "12345", "12345)", "12345." …), if any: when few claims have it, they are where the search starts.
        String broad = null;
        List<String> unread = new ArrayList<>();
        if (filter.q() != null && !ClaimFilters.lead(filter.q()).isEmpty() && filter.articleId() == null
                && filter.topic() == null && filter.subject() == null && filter.source() == null) {
            List<List<String>> termsWords = new ArrayList<>();
            for (String term : Words.terms(filter.q()).stream().distinct().toList()) {
                Optional<List<String>> begun = filters.wordsBeginning(term);
                if (begun.isPresent() && begun.get().isEmpty()) {
                    return new ClaimPage(List.of(), null);
                }
                if (begun.isPresent()) {
                    termsWords.add(begun.get());
                } else {
                    unread.add(term);
                    if (broad == null || term.length() > broad.length()) {
                        broad = term;
                    }
                }
            }
            words = termsWords.isEmpty() ? Optional.empty() : Optional.of(termsWords);
        }
        // A search or a subject with few claims starts from those claims (an index range as large as the matches);
        // with many, walking the claims in order fills a page sooner. The filters below decide either way.
        List<Optional<List<String>>> starts = new ArrayList<>();
        if (filter.q() != null && words.isEmpty()) {
            starts.add(filters.fewMatches(ClaimFilters.lead(filter.q())));
        } else if (broad != null) {
            // A term of few claims beside terms of many: its claims, checked for the others, are fewer than a walk
            // of the others' postings checked for it ("report 12345": 22-24 s at 10^6 entries, every claim with
            // "report" checked; docs/benchmarks.md, twenty-fifth round).
            Optional<List<String>> few = filters.fewMatches(broad);
            if (few.isPresent()) {
                starts.add(few);
                words = Optional.empty();
            }
        }
        if (filter.subject() != null) {
            starts.add(filters.fewAbout(filter.subject()));
        }
        // A walk of the whole ledger in narrative order tests each claim's recording time on the recorded axis: as of
        // a moment when few claims were recorded, it starts from those instead.
        if (query.asOf().axis() == AsOf.Axis.RECORDED && words.isEmpty() && !retractedOnly && filter.topic() == null
                && filter.articleId() == null && filter.source() == null
                && starts.stream().noneMatch(Optional::isPresent)) {
            starts.add(filters.fewRecordedBy(params));
        }
        boolean fromStarts = false;
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i).isPresent()) {
                if (starts.get(i).get().isEmpty()) {
                    return new ClaimPage(List.of(), null);
                }
                sql.append(" and c.claim_id in (:start").append(i).append(")");
                params.addValue("start" + i, starts.get(i).get());
                fromStarts = true;
            }
        }
        if (filter.articleId() != null) {
            sql.append(" and c.article_id = :articleId");
            params.addValue("articleId", filter.articleId());
        }
        sql.append(filters.about(filter.topic(), filter.subject(), params, "c"));
        if (filter.source() != null) {
            sql.append(filters.source(filter.source(), params));
        }
        // The checks that cost subqueries per claim (status at t, the wording at t): run on the candidates of a page
        // in order, a chunk at a time, instead of on every claim the conditions above let through.
        StringBuilder checks = new StringBuilder();
        if (words.isPresent()) {
            checks.append(" and ").append(time.visible("c"));
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            checks.append(time.statusIn(filter.statuses(), "c", params));
        }
        if (filter.q() != null) {
            // A claim read from the terms' postings has a word that each of those terms begins: only the terms left
            // to the checks are looked up (a lookup of the word index a term and candidate).
            checks.append(filters.text(words.isPresent() ? unread : Words.terms(filter.q()), params));
        }
        // What SQL cannot check without reading each claim's wording: a search's terms in the wording as of t.
        BiFunction<List<String>, Map<String, Base>, List<String>> worded = filter.q() == null ? (ids, rows) -> ids
                : (ids, rows) -> filters.wordedAsOf(ids, rows, filter.q(), query.asOf());
        Instant afterTime = null;
        String afterId = null;
        if (query.cursor() != null) {
            List<String> key = PageCursor.decode(query.cursor(), 2);
            afterTime = PageCursor.instant(key.get(0));
            afterId = key.get(1);
        }
        boolean walking = words.isEmpty() && !fromStarts && !retractedOnly;
        if (walking) {
            sql.append(" and ").append(time.visible("c"));
        }
        Candidates candidates = words.isPresent() ? (words.get().size() == 1 ? postings(words.get().get(0))
                : intersection(words.get()))
                : !walking ? pool(new StringBuilder(candidate).append(sql), params, query.asOf().at())
                : walk(new StringBuilder(candidate).append(sql), params, filter.topic() != null);
        Map<String, Base> checkedRows = walking && filter.q() == null && filter.articleId() == null
                && filter.source() == null
                ? walkedRows(sql.append(checks), params, filter.topic() != null, afterTime, afterId, query.limit() + 1)
                : !checks.isEmpty() ? checked(candidates, checks, worded, params, afterTime, afterId, query.limit() + 1)
                : null;
        List<String> ids = checkedRows == null
                ? candidates.after(afterTime, afterId, query.limit() + 1).stream().map(Candidate::id).toList()
                : List.copyOf(checkedRows.keySet());
        List<String> page = ids.stream().limit(query.limit()).toList();
        List<ClaimView> items = checkedRows == null ? assembler.views(page, query.asOf())
                : assembler.views(page, checkedRows, query.asOf());
        String next = null;
        if (ids.size() > query.limit()) {
            ClaimView last = items.get(items.size() - 1);
            next = PageCursor.encode(last.assertedAt().toString(), last.id());
        }
        return new ClaimPage(items, next);
    }

    record Candidate(String id, Instant occurredAt) {
    }

    /** The claims a list's conditions let through, in page order: up to {@code count} after the key (if any). */
    interface Candidates {
        List<Candidate> after(Instant afterTime, String afterId, int count);
    }

    /** Walks the claims in page order (the narrative time index, or a topic's), as far as a page needs. */
    private Candidates walk(StringBuilder sql, MapSqlParameterSource params, boolean byTopic) {
        return (afterTime, afterId, count) -> jdbc.query(walked(sql, params, byTopic, afterTime, afterId, count),
                params, (rs, n) -> new Candidate(rs.getString("claim_id"), Sql.instant(rs, "occurred_at")));
    }

    /** A walk's statement, {@code select} and its conditions, for {@code count} claims after the key (if any). */
    private static String walked(CharSequence select, MapSqlParameterSource params, boolean byTopic, Instant afterTime,
                                 String afterId, int count) {
        if (afterTime != null) {
            params.addValue("afterTime", Sql.utc(afterTime)).addValue("afterId", afterId);
        }
        params.addValue("count", count);
        return select + walkPage(byTopic, afterTime != null);
    }

    /**
     * A walk, its checks (the current view's "not retracted by t") and its claims' rows in one statement: {@code count}
     * claims after the key that pass, in page order, with their rows. Walked, then checked and read by claim id, each
     * claim cost a lookup in claim_view's primary key on top of the read of its row, to which the walk's index entry
     * leads directly — a statement and a page of index lookups more a request (docs/benchmarks.md, thirty-seventh
     * round). The walk still stops at the page: the conditions its index holds (the topic, the times on either axis)
     * and the checks, which ask other tables by the claim's id, are tested on the index entry, and a claim's row is
     * read only once it is on the page ({@link #walkPage} keeps H2 on the walk's index). Not for a search, whose
     * wording as of t is checked after the rows are read ({@link #checked}), nor beside an article or a source, whose
     * own index H2 may start from and sort what it finds: rows, then, instead of ids.
     */
    private Map<String, Base> walkedRows(StringBuilder sql, MapSqlParameterSource params, boolean byTopic,
                                         Instant afterTime, String afterId, int count) {
        Map<String, Base> rows = new LinkedHashMap<>();
        jdbc.query(walked("select " + ClaimRows.ROW + sql, params, byTopic, afterTime, afterId, count), params, rs -> {
            rows.put(rs.getString(1), Base.of(rs, 2));
        });
        return rows;
    }

    /**
     * The end of a walk's statement: after the key ({@code :afterTime}, {@code :afterId}) if {@code afterKey}, in page
     * order, {@code :count} claims. The first condition on the key bounds the index range (an {@code or} alone does
     * not); the second drops the claims at the key's time up to the key. Within one topic
     * ({@code c.topic_key = :topic}) the topic key orders nothing, but naming it first lets H2 see that its index
     * (topic key, narrative time, id) is already in page order: it then stops at the page instead of reading the
     * topic's every claim and sorting them. The whole ledger's first page is bounded below by the earliest narrative
     * time there is (a lookup at one end of the index): without a condition on the narrative time index, H2 costs it
     * at every row, and a walk as of a moment on the recorded axis ({@code c.recorded_at <= :t}) was planned on the
     * recording time index instead — every claim read and sorted for a page, 4.1 s at 10^6 entries (docs/benchmarks.md,
     * thirty-seventh round).
     */
    static String walkPage(boolean byTopic, boolean afterKey) {
        return (afterKey ? " and c.occurred_at >= :afterTime and (c.occurred_at > :afterTime or c.claim_id > :afterId)"
                : byTopic ? "" : " and c.occurred_at >= (select min(e.occurred_at) from claim_view e)")
                + " order by " + (byTopic ? "c.topic_key, " : "") + "c.occurred_at, c.claim_id limit :count";
    }

    /**
     * The claims with any of these words, in page order, from the word index (word, narrative time, id): for each
     * word the claims after the key are one index range as long as the request, and the database merges them (a claim
     * with two of the words once). Nothing here is checked against the moment read: the caller's checks do that.
     */
    private Candidates postings(List<String> words) {
        Postings postings = postingsOf(words);
        return (afterTime, afterId, count) -> postings.from(afterTime, afterId, false, count);
    }

    /** The claims with any of the words in page order, from a key on (or all): {@link #postings} and the key's claim too. */
    interface Postings {
        /** The first {@code count} claims after the key ({@code time}, {@code id}), or at it and after if {@code atKey}. */
        List<Candidate> from(Instant time, String id, boolean atKey, int count);
    }

    private Postings postingsOf(List<String> words) {
        return (time, id, atKey, count) -> {
            var params = new MapSqlParameterSource("count", count);
            if (time != null) {
                params.addValue("afterTime", Sql.utc(time)).addValue("afterId", id);
            }
            for (int i = 0; i < words.size(); i++) {
                params.addValue("word" + i, words.get(i));
            }
            return jdbc.query(postingsSql(words.size(), time != null, atKey), params,
                    (rs, n) -> new Candidate(rs.getString("claim_id"), Sql.instant(rs, "occurred_at")));
        };
    }

    /**
     * The first {@code :count} claims with any of the words {@code :word0} … in page order, after the key
     * ({@code :afterTime}, {@code :afterId}) if {@code afterKey}.
     */
    static String postingsSql(int words, boolean afterKey) {
        return postingsSql(words, afterKey, false);
    }

    /** As {@link #postingsSql(int, boolean)}, with the key's own claim if {@code atKey}. */
    static String postingsSql(int words, boolean afterKey, boolean atKey) {
        // The first condition bounds the index range; the second drops the claims at the key's time up to the key.
        String after = afterKey ? " and occurred_at >= :afterTime and (occurred_at > :afterTime or claim_id "
                + (atKey ? ">=" : ">") + " :afterId)" : "";
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            // Ordered by the whole index key: H2 then reads the index in its order and stops at the limit.
            ranges.add("select claim_id, occurred_at from claim_word where word = :word" + i + after
                    + " order by word, occurred_at, claim_id limit :count");
        }
        return ranges.size() == 1 ? ranges.get(0) : "select claim_id, occurred_at from ("
                + String.join(" union ", ranges.stream().map(range -> "(" + range + ")").toList())
                + ") m order by occurred_at, claim_id limit :count";
    }

    /** How many claims of each term's postings {@link #intersection} reads at a time. */
    static final int POSTINGS_A_BLOCK = 1000;

    /**
     * The claims with a word begun by each term ({@code termsWords}: each term's words), in page order: each term's
     * postings ({@link #postingsOf}) are read a block at a time from the same key. No claim before the latest first
     * claim of the blocks is in all of them, nor can one after the earliest last claim of a full block be known to be:
     * the claims in every block between the two are the matches so far, and the next blocks start after them — or,
     * when the two cross, at the latest first claim, skipping what lies before it (a term of few claims beside one of
     * many: "report 12345" read the many a block at a time for over a minute at 10^6 entries). Two terms that no claim
     * has both, as often as each other, read each one's postings once, in order; checking the first term's claims one
     * by one for the other's words read a page of the word index for each (2.3–2.7 s at 10^6 entries for two terms of
     * one claim in twelve each; docs/benchmarks.md, twenty-fourth round).
     */
    private Candidates intersection(List<List<String>> termsWords) {
        List<Postings> terms = termsWords.stream().map(this::postingsOf).toList();
        return (afterTime, afterId, count) -> intersect(terms, afterTime, afterId, count, POSTINGS_A_BLOCK);
    }

    /** {@link #intersection}'s walk over the terms' postings, {@code block} claims of each at a time. */
    static List<Candidate> intersect(List<Postings> terms, Instant afterTime, String afterId, int count, int block) {
        List<Candidate> found = new ArrayList<>();
        Candidate key = afterTime == null ? null : new Candidate(afterId, afterTime);
        boolean atKey = false;
        while (true) {
            List<List<Candidate>> blocks = new ArrayList<>();
            Candidate latestFirst = null;
            Candidate earliestLast = null;
            for (Postings term : terms) {
                List<Candidate> next = key == null ? term.from(null, null, false, block)
                        : term.from(key.occurredAt(), key.id(), atKey, block);
                if (next.isEmpty()) {
                    return found;
                }
                Candidate first = next.get(0);
                Candidate last = next.get(next.size() - 1);
                if (latestFirst == null || PAGE_ORDER.compare(first, latestFirst) > 0) {
                    latestFirst = first;
                }
                if (next.size() == block && (earliestLast == null || PAGE_ORDER.compare(last, earliestLast) < 0)) {
                    earliestLast = last;
                }
                blocks.add(next);
            }
            if (earliestLast != null && PAGE_ORDER.compare(latestFirst, earliestLast) > 0) {
                key = latestFirst;
                atKey = true;
                continue;
            }
            Set<String> common = new HashSet<>();
            blocks.get(0).forEach(claim -> common.add(claim.id()));
            blocks.subList(1, blocks.size()).forEach(other -> common.retainAll(
                    other.stream().map(Candidate::id).collect(java.util.stream.Collectors.toSet())));
            for (Candidate claim : blocks.get(0)) {
                if (earliestLast != null && PAGE_ORDER.compare(claim, earliestLast) > 0) {
                    break;
                }
                if (common.contains(claim.id())) {
                    found.add(claim);
                    if (found.size() == count) {
                        return found;
                    }
                }
            }
            if (earliestLast == null) {
                return found;
            }
            key = earliestLast;
            atKey = false;
        }
    }

    /**
     * Every claim of the few a search or subject starts from (or of the retracted ones) that the conditions let
     * through and that exists as of the moment read, read by their ids and put in page order here. Given an order, a limit or the time condition
     * in SQL, H2 walked the time indexes instead and tested each claim against the whole id list one by one (stack
     * samples: most of a search's time at 10^4 claims); by ids alone it looks each up by the primary key.
     */
    private Candidates pool(StringBuilder sql, MapSqlParameterSource params, Instant at) {
        List<Candidate> all = new ArrayList<>();
        jdbc.query(sql.toString(), params, rs -> {
            if (!Sql.instant(rs, "axis_at").isAfter(at)) {
                all.add(new Candidate(rs.getString("claim_id"), Sql.instant(rs, "occurred_at")));
            }
        });
        all.sort(PAGE_ORDER);
        return (afterTime, afterId, count) -> {
            int from = 0;
            if (afterTime != null) {
                int key = Collections.binarySearch(all, new Candidate(afterId, afterTime), PAGE_ORDER);
                from = key >= 0 ? key + 1 : -key - 1;
            }
            return all.subList(Math.min(from, all.size()), Math.min(from + count, all.size()));
        };
    }

    /** Narrative time, then id: the order of every page of claims (and of the SQL {@code order by} above). */
    static final Comparator<Candidate> PAGE_ORDER = Comparator.comparing(Candidate::occurredAt)
            .thenComparing(Candidate::id);

    /**
     * Up to {@code count} claims that also pass {@code checks}, in page order, each with its claim_view row: the
     * candidates are taken a chunk at a time and checked together, until the page is full or the candidates run out.
     * The first chunk is a page: the status of a current view and the further terms of a search usually hold for most
     * candidates, so one chunk is the rule, however many claims match. The next chunk is sized by the share that
     * passed so far ({@link #nextChunk}). Every candidate exists as of the moment read (the walk's SQL, the postings'
     * check of {@code visible}, the pool's test of its time), so the rows that pass are the page's rows as of it: the
     * page is assembled from them ({@link ClaimAssembler}), not read again — at 10^6 entries a search read each row
     * twice, in its check and then for its view (docs/benchmarks.md, thirty-fifth round).
     */
    private Map<String, Base> checked(Candidates pages, StringBuilder checks,
                                      BiFunction<List<String>, Map<String, Base>, List<String>> worded,
                                      MapSqlParameterSource params, Instant afterTime, String afterId, int count) {
        Map<String, Base> passed = new LinkedHashMap<>();
        int chunk = count;
        int seen = 0;
        while (true) {
            List<Candidate> candidates = pages.after(afterTime, afterId, chunk);
            if (candidates.isEmpty()) {
                return passed;
            }
            params.addValue("chunk", candidates.stream().map(Candidate::id).toList());
            // No order by here: the candidates are in page order already. The rows come with the check: a current
            // view's "not retracted by t" alone is answered from the primary key's index, but the page reads the
            // rows of the claims that pass anyway, and one chunk is the rule.
            Map<String, Base> rows = new HashMap<>();
            jdbc.query("select " + ClaimRows.ROW + " from claim_view c where c.claim_id in (:chunk)" + checks, params,
                    rs -> {
                        rows.put(rs.getString(1), Base.of(rs, 2));
                    });
            for (String id : worded.apply(candidates.stream().map(Candidate::id).distinct().filter(rows::containsKey)
                    .toList(), rows)) {
                passed.put(id, rows.get(id));
                if (passed.size() == count) {
                    return passed;
                }
            }
            seen += candidates.size();
            if (candidates.size() < chunk) {
                return passed;
            }
            Candidate last = candidates.get(candidates.size() - 1);
            afterTime = last.occurredAt();
            afterId = last.id();
            chunk = nextChunk(count - passed.size(), passed.size(), seen, chunk);
        }
    }

    /** The largest chunk of candidates checked at once. */
    static final int MOST_CANDIDATES = 4096;

    /**
     * How many candidates the next chunk takes: as many as the share that passed so far says the {@code missing} rest
     * of the page needs, with a quarter more for chance — at least {@code missing}, at most sixteen times the last
     * chunk and {@link #MOST_CANDIDATES}; four times the last chunk when none passed yet. Growing by a fixed factor of
     * four instead checked 51 + 204 + 816 candidates for a page of 51 claims with a term in one claim of twelve, where
     * some 650 fill it (stack samples at 10^5 claims: checking candidates was three fifths of a search's time). A share
     * seen in one small chunk may be low by chance; the cap on growth bounds what that costs.
     */
    static int nextChunk(int missing, int passed, int seen, int chunk) {
        long wanted = passed == 0 ? 4L * chunk : (long) Math.ceil(1.25 * missing * seen / passed);
        long bounded = Math.min(Math.max(wanted, missing), Math.min(16L * chunk, MOST_CANDIDATES));
        return (int) Math.max(bounded, 1);
    }

    ClaimPage reviewed(ListReviewedClaims query) {
        var params = new MapSqlParameterSource("limit", query.limit() + 1);
        String after = "";
        if (query.cursor() != null) {
            after = " where claim_id > :afterId";
            params.addValue("afterId", PageCursor.decode(query.cursor(), 1).get(0));
        }
        List<String> ids = jdbc.queryForList("select distinct claim_id from claim_review" + after
                + " order by claim_id limit :limit", params, String.class);
        List<ClaimView> items = assembler.views(ids.stream().limit(query.limit()).toList(), AsOf.now(clock));
        String next = ids.size() > query.limit() ? PageCursor.encode(items.get(items.size() - 1).id()) : null;
        return new ClaimPage(items, next);
    }

    DisputePage disputes(ListDisputes query) {
        Temporal time = new Temporal(query.asOf().axis());
        var params = Temporal.at(query.asOf());
        String checks = " and " + time.visible("a") + " and " + time.visible("b") + " and " + time.inForce("d")
                + filters.about(query.topic(), null, params, "a", "b");
        Pair after = null;
        if (query.cursor() != null) {
            List<String> key = PageCursor.decode(query.cursor(), 2);
            after = new Pair(key.get(0), key.get(1));
        }
        PairCandidates candidates = query.subject() != null ? pairsAbout(filters.members(query.subject()), after)
                : query.topic() != null
                ? pairsOf("(select c.claim_id from claim_view c where c.topic_key = :topic) x"
                        + " join claim_dispute d on d.%s = x.claim_id",
                        new MapSqlParameterSource("topic", Names.key(query.topic())), after)
                : everyPair(after);
        Map<String, Base> checkedRows = new HashMap<>();
        List<DisputeRow> rows = checkedDisputes(candidates, checks, params, query.limit() + 1, checkedRows);
        List<DisputeRow> page = rows.stream().limit(query.limit()).toList();
        Set<String> ids = new HashSet<>();
        page.forEach(row -> {
            ids.add(row.pair().claimId());
            ids.add(row.pair().byClaimId());
        });
        Map<String, ClaimView> claims = new HashMap<>();
        assembler.views(List.copyOf(ids), checkedRows, query.asOf()).forEach(view -> claims.put(view.id(), view));
        List<DisputeView> items = page.stream().map(row -> new DisputeView(claims.get(row.pair().claimId()),
                claims.get(row.pair().byClaimId()), row.reason(), row.at())).toList();
        String next = rows.size() > query.limit()
                ? PageCursor.encode(page.get(page.size() - 1).pair().claimId(), page.get(page.size() - 1).pair().byClaimId())
                : null;
        return new DisputePage(items, next);
    }

    /** The disputes of the candidate pairs, with both claims' rows: a, then b ({@link Base#columns}). */
    private static final String CHECKED_DISPUTES = "select d.claim_id, d.by_claim_id, d.reason, d.occurred_at, "
            + Base.columns("a") + ", " + Base.columns("b") + """
             from claim_dispute d
            join claim_view a on a.claim_id = d.claim_id
            join claim_view b on b.claim_id = d.by_claim_id
            where d.claim_id in (:ids) and d.by_claim_id in (:bys)""";

    /** A disputed claim and the claim disputing it: the disputed view's order and key. */
    record Pair(String claimId, String byClaimId) {
    }

    /** A dispute of the disputed view: one round of a pair's disputes. */
    private record DisputeRow(Pair pair, String reason, Instant at) {
    }

    /**
     * The disputed pairs a view's filters let through, in key order, from the request's key (if any) on: each call
     * gives up to {@code count} more after those it gave, and none once they are all given.
     */
    interface PairCandidates {
        List<Pair> next(int count);
    }

    /**
     * Up to {@code count} disputes that pass the {@code checks} (on aliases d, a and b: the dispute and both claims'
     * rows), in key order: the candidate pairs are taken a chunk at a time, in key order, and checked together, until
     * the page is full or the candidates run out; chunks after the first are sized by the share that passed
     * ({@link #nextChunk}). Given the checks and the order at once, H2 walked the claims' narrative time index,
     * joined every dispute of the ledger and sorted them for a page of 50 (1.2–1.4 s at 10^6 entries; a subject's or
     * a topic's page walked every dispute and read both claims' rows of each: up to 2 s, docs/benchmarks.md,
     * twenty-fourth round). The check reads both claims' rows, visible as of the moment: those of the disputes that
     * pass go to {@code claimRows}, from which the page is assembled, instead of being read again.
     */
    private List<DisputeRow> checkedDisputes(PairCandidates pairs, String checks, MapSqlParameterSource params,
                                             int count, Map<String, Base> claimRows) {
        List<DisputeRow> rows = new ArrayList<>();
        int chunk = count;
        int seen = 0;
        while (true) {
            List<Pair> candidates = pairs.next(chunk);
            if (candidates.isEmpty()) {
                return rows;
            }
            params.addValue("ids", candidates.stream().map(Pair::claimId).distinct().toList())
                    .addValue("bys", candidates.stream().map(Pair::byClaimId).distinct().toList());
            Map<Pair, List<DisputeRow>> passed = new HashMap<>();
            jdbc.query(CHECKED_DISPUTES + checks, params, rs -> {
                Pair pair = new Pair(rs.getString(1), rs.getString(2));
                passed.computeIfAbsent(pair, p -> new ArrayList<>())
                        .add(new DisputeRow(pair, rs.getString(3), Sql.instant(rs, 4)));
                if (!claimRows.containsKey(pair.claimId())) {
                    claimRows.put(pair.claimId(), Base.of(rs, 5));
                }
                if (!claimRows.containsKey(pair.byClaimId())) {
                    claimRows.put(pair.byClaimId(), Base.of(rs, 5 + Base.WIDTH));
                }
            });
            candidates.forEach(pair -> rows.addAll(passed.getOrDefault(pair, List.of())));
            seen += candidates.size();
            if (rows.size() >= count) {
                return rows.subList(0, count);
            }
            chunk = nextChunk(count - rows.size(), rows.size(), seen, chunk);
        }
    }

    /**
     * Every disputed pair in key order, after the key (if any), from the disputes' primary key index alone: one range
     * of {@code count} rounds a call, a pair disputed in several rounds one candidate (so a call may give fewer than
     * {@code count}; none only at the end).
     */
    private PairCandidates everyPair(Pair after) {
        Pair[] last = {after};
        return count -> {
            var params = new MapSqlParameterSource("count", count);
            String afterKey = "";
            if (last[0] != null) {
                // The first condition bounds the index range; the second drops the key's claim's pairs up to the key.
                afterKey = " where claim_id >= :afterId and (claim_id > :afterId or by_claim_id > :afterBy)";
                params.addValue("afterId", last[0].claimId()).addValue("afterBy", last[0].byClaimId());
            }
            // Ordered by the whole index key: H2 then reads the index in its order and stops at the limit.
            List<Pair> rounds = jdbc.query("select claim_id, by_claim_id from claim_dispute" + afterKey
                    + " order by claim_id, by_claim_id, round limit :count", params,
                    (rs, n) -> new Pair(rs.getString("claim_id"), rs.getString("by_claim_id")));
            if (!rounds.isEmpty()) {
                last[0] = rounds.get(rounds.size() - 1);
            }
            return rounds.stream().distinct().toList();
        };
    }

    /**
     * The disputed pairs with a claim about any of the entities {@code members}, after the key (if any), in key order.
     * A subject of few claims ({@code ledger.search.few-matches}) starts from its claims' disputes ({@link #pairsOf}).
     * One of many — at 10^6 entries each of the hundred subjects every dossier names has some 6,000 claims — walks
     * every pair in key order instead, {@link #ROUNDS_A_BLOCK} rounds at a time from the disputes' primary key, and
     * keeps those with a claim among its claims (read once, a set): a page then costs the rounds walked until it is
     * full, where looking up both sides' disputes of each of its claims and ordering them all took 70–470 ms a page
     * (docs/benchmarks.md, twenty-seventh round).
     */
    private PairCandidates pairsAbout(List<String> members, Pair after) {
        Set<String> claims = filters.allAbout(members);
        if (filters.areFew(claims.size())) {
            // The claims just read, as one array parameter: the statement's text the same for every subject.
            return pairsOf("claim_dispute d where d.%s = any(:claims)",
                    new MapSqlParameterSource("claims", claims.toArray(String[]::new)), after);
        }
        return withAClaimAmong(claims, everyPair(after), ROUNDS_A_BLOCK);
    }

    /** How many disputed rounds {@link #pairsAbout} walks at a time. */
    static final int ROUNDS_A_BLOCK = 4096;

    /**
     * The pairs of {@code pairs} (each call: up to the count asked, after those given, none only at the end), those
     * with either claim among {@code claims} only, walked {@code block} rounds at a time: a pair walked beyond the count
     * asked is kept for the next call.
     */
    static PairCandidates withAClaimAmong(Set<String> claims, PairCandidates pairs, int block) {
        java.util.ArrayDeque<Pair> walked = new java.util.ArrayDeque<>();
        boolean[] end = {false};
        return count -> {
            while (walked.size() < count && !end[0]) {
                List<Pair> next = pairs.next(block);
                end[0] = next.isEmpty();
                next.stream().filter(pair -> claims.contains(pair.claimId()) || claims.contains(pair.byClaimId()))
                        .forEach(walked::add);
            }
            List<Pair> given = new ArrayList<>();
            while (given.size() < count && !walked.isEmpty()) {
                given.add(walked.poll());
            }
            return given;
        };
    }

    /**
     * The disputed pairs either claim of which is among some claims (a subject's or a topic's, a few thousand at most
     * at 10^6 entries), after the key (if any), in key order. {@code disputes} is the from clause of the disputes
     * {@code d} of those claims on one side, the side's column {@code %s} ({@code claim_id}, then {@code by_claim_id}),
     * on {@code params}. They are read at once from indexes only — each claim's disputes both ways from the disputes'
     * two indexes (claim, disputing claim) and (disputing claim); no claim's row, no dispute's — and ordered by the
     * database, as the key's condition compares. (An index of the pairs by subject was tried: it joins one claim's
     * subjects to another claim's dispute, which the projection's segments may handle in either order;
     * docs/benchmarks.md, twenty-fourth round.)
     */
    private PairCandidates pairsOf(String disputes, MapSqlParameterSource params, Pair after) {
        String afterKey = "";
        if (after != null) {
            afterKey = " where p.claim_id > :afterId or (p.claim_id = :afterId and p.by_claim_id > :afterBy)";
            params.addValue("afterId", after.claimId()).addValue("afterBy", after.byClaimId());
        }
        List<Pair> all = jdbc.query("""
                select p.claim_id, p.by_claim_id from (
                    select d.claim_id, d.by_claim_id from %1$s
                    union
                    select d.claim_id, d.by_claim_id from %2$s
                ) p%3$s order by p.claim_id, p.by_claim_id""".formatted(disputes.formatted("claim_id"),
                disputes.formatted("by_claim_id"), afterKey), params,
                (rs, n) -> new Pair(rs.getString("claim_id"), rs.getString("by_claim_id")));
        int[] given = {0};
        return count -> {
            List<Pair> next = all.subList(given[0], Math.min(all.size(), given[0] + count));
            given[0] += next.size();
            return next;
        };
    }

    /** Each source's record now: how many claims it made, and how many of them stand disputed, retracted, corroborated. */
    Records records(Map<String, List<String>> memberIdsByEntity) {
        AsOf now = AsOf.now(clock);
        Temporal time = new Temporal(now.axis());
        Map<String, EntityRecord> records = new HashMap<>();
        memberIdsByEntity.forEach((entity, members) -> {
            var params = Temporal.at(now).addValue("members", members);
            records.put(entity, jdbc.queryForObject("""
                    select count(*) as made,
                           coalesce(sum(case when s.status = 'DISPUTED' then 1 else 0 end), 0) as disputed,
                           coalesce(sum(case when s.status = 'RETRACTED' then 1 else 0 end), 0) as retracted,
                           coalesce(sum(s.corroborated), 0) as corroborated
                    from (select %1$s as status,
                                 case when exists (select 1 from claim_corroboration k
                                                   where k.claim_id = c.claim_id and %2$s) then 1 else 0 end
                                     as corroborated
                          from claim_view c where c.attributed_to in (:members) and %3$s) s"""
                    .formatted(time.status("c"), time.visible("k"), time.visible("c")), params, (rs, n) -> new EntityRecord(rs.getLong("made"),
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
}
