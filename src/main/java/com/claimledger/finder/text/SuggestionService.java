package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityQueries.EntityPage;
import com.claimledger.entities.api.EntityQueries.FindEntity;
import com.claimledger.entities.api.EntityQueries.EveryEntity;
import com.claimledger.entities.api.EntityView;
import com.claimledger.finder.api.EntitySuggestions;
import com.claimledger.finder.api.Suggestions;
import com.claimledger.kernel.LedgerException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Suggests entities that are probably one ({@link NameLikeness}); never merges. Ledger-wide, only entities that share
 * a key (a word's first consonants, an acronym) are compared, and a key shared by very many entities is left out, so
 * the work grows with the ledger's names rather than with their pairs.
 */
@Service
class SuggestionService implements EntitySuggestions {

    private static final int MAX_BLOCK = 200;

    private final QueryGateway queries;

    SuggestionService(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public Suggestions forEntity(String entityId, int limit) {
        EntityView entity = queries.query(new FindEntity(entityId), ResponseTypes.optionalInstanceOf(EntityView.class)).join()
                .orElseThrow(() -> LedgerException.notFound("entity", entityId));
        return forEntity(candidate(entity), candidates(), limit);
    }

    /** The entities among {@code all} most probably the same as {@code self}, best first. */
    static Suggestions forEntity(NameLikeness.Candidate self, List<NameLikeness.Candidate> all, int limit) {
        return best(new NameLikeness(), pair -> {
            for (NameLikeness.Candidate other : all) {
                if (!other.id().equals(self.id())) {
                    pair.accept(self, other);
                }
            }
        }, limit);
    }

    @Override
    public Suggestions ledgerWide(int limit) {
        return ledgerWide(candidates(), limit);
    }

    /** The most probable pairs among {@code all}, best first. */
    static Suggestions ledgerWide(List<NameLikeness.Candidate> all, int limit) {
        NameLikeness likeness = new NameLikeness();
        Map<String, List<Integer>> blocks = new HashMap<>();
        List<Set<String>> keys = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            keys.add(likeness.keys(all.get(i)));
            for (String key : keys.get(i)) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        List<List<Integer>> compared = new ArrayList<>();
        Map<String, Integer> blockIds = new HashMap<>();
        blocks.forEach((key, block) -> {
            if (block.size() >= 2 && block.size() <= MAX_BLOCK) {
                blockIds.put(key, compared.size());
                compared.add(block);
            }
        });
        int[][] blocksOf = new int[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            blocksOf[i] = keys.get(i).stream().map(blockIds::get).filter(Objects::nonNull).mapToInt(Integer::intValue)
                    .sorted().toArray();
        }
        return best(likeness, pair -> {
            for (int b = 0; b < compared.size(); b++) {
                List<Integer> block = compared.get(b);
                for (int x = 0; x < block.size(); x++) {
                    for (int y = x + 1; y < block.size(); y++) {
                        int i = Math.min(block.get(x), block.get(y));
                        int j = Math.max(block.get(x), block.get(y));
                        // A pair that shares several blocks is compared in the first of them only.
                        if (firstShared(blocksOf[i], blocksOf[j]) == b) {
                            pair.accept(all.get(i), all.get(j));
                        }
                    }
                }
            }
        }, limit);
    }

    /**
     * The {@code limit} best of the pairs {@code pairs} gives, in two rounds over them: first the rules that recognise
     * one name, each of which scores above any word-by-word likeness, then — only if the pairs kept leave room for a
     * likeness of at most {@link NameLikeness#WORDS_AT_MOST} — the pairs no rule joined, word by word. Comparing
     * words (Jaro-Winkler) was most of a ledger-wide request at 10^6 entries, whose best pairs are rule-scored.
     */
    private static Suggestions best(NameLikeness likeness,
                                    Consumer<BiConsumer<NameLikeness.Candidate, NameLikeness.Candidate>> pairs, int limit) {
        BestPairs best = new BestPairs(limit);
        pairs.accept((a, b) -> best.offer(likeness.ruleScore(a, b), a, b));
        if (best.floor() <= NameLikeness.WORDS_AT_MOST) {
            pairs.accept((a, b) -> {
                if (likeness.ruleScore(a, b) == 0) {
                    best.offer(likeness.score(a, b, best.floor()), a, b);
                }
            });
        }
        return best.suggestions(likeness);
    }

    /** The smallest number in both ascending arrays, or -1. */
    private static int firstShared(int[] a, int[] b) {
        int x = 0;
        int y = 0;
        while (x < a.length && y < b.length) {
            if (a[x] == b[y]) {
                return a[x];
            } else if (a[x] < b[y]) {
                x++;
            } else {
                y++;
            }
        }
        return -1;
    }

    private List<NameLikeness.Candidate> candidates() {
        List<NameLikeness.Candidate> all = new ArrayList<>();
        queries.query(new EveryEntity(ClaimFinderService.MAX_ENTITIES), EntityPage.class).join().items()
                .forEach(entity -> all.add(candidate(entity)));
        return all;
    }

    private static NameLikeness.Candidate candidate(EntityView entity) {
        List<String> names = new ArrayList<>();
        names.add(entity.name());
        names.addAll(entity.aliases());
        return new NameLikeness.Candidate(entity.id(), entity.name(), entity.kind(), names);
    }
}
