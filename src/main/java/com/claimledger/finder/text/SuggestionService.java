package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityQueries.EntityPage;
import com.claimledger.entities.api.EntityQueries.FindEntity;
import com.claimledger.entities.api.EntityQueries.SearchEntities;
import com.claimledger.entities.api.EntityRef;
import com.claimledger.entities.api.EntityView;
import com.claimledger.finder.api.EntitySuggestions;
import com.claimledger.finder.api.Suggestions;
import com.claimledger.finder.api.Suggestions.Suggestion;
import com.claimledger.kernel.LedgerException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Suggests entities that are probably one ({@link NameLikeness}); never merges. Ledger-wide, only entities that share
 * a key (a word's first consonants, an acronym) are compared, and a key shared by very many entities is left out, so
 * the work grows with the ledger's names rather than with their pairs.
 */
@Service
class SuggestionService implements EntitySuggestions {

    private static final int PAGE = 500;
    private static final int MAX_BLOCK = 200;

    private final QueryGateway queries;

    SuggestionService(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public Suggestions forEntity(String entityId, int limit) {
        EntityView entity = queries.query(new FindEntity(entityId), ResponseTypes.optionalInstanceOf(EntityView.class)).join()
                .orElseThrow(() -> LedgerException.notFound("entity", entityId));
        NameLikeness likeness = new NameLikeness();
        NameLikeness.Candidate self = candidate(entity);
        List<Suggestion> suggestions = new ArrayList<>();
        for (NameLikeness.Candidate other : candidates()) {
            if (!other.id().equals(self.id())) {
                suggest(likeness, self, other, suggestions);
            }
        }
        return ranked(suggestions, limit);
    }

    @Override
    public Suggestions ledgerWide(int limit) {
        return ledgerWide(candidates(), limit);
    }

    /** The most probable pairs among {@code all}, best first. */
    static Suggestions ledgerWide(List<NameLikeness.Candidate> all, int limit) {
        NameLikeness likeness = new NameLikeness();
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            for (String key : likeness.keys(all.get(i))) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Set<Long> compared = new HashSet<>();
        List<Suggestion> suggestions = new ArrayList<>();
        for (List<Integer> block : blocks.values()) {
            if (block.size() < 2 || block.size() > MAX_BLOCK) {
                continue;
            }
            for (int x = 0; x < block.size(); x++) {
                for (int y = x + 1; y < block.size(); y++) {
                    int i = Math.min(block.get(x), block.get(y));
                    int j = Math.max(block.get(x), block.get(y));
                    if (i != j && compared.add(((long) i << 32) | j)) {
                        suggest(likeness, all.get(i), all.get(j), suggestions);
                    }
                }
            }
        }
        return ranked(suggestions, limit);
    }

    private static void suggest(NameLikeness likeness, NameLikeness.Candidate a, NameLikeness.Candidate b, List<Suggestion> into) {
        NameLikeness.Likeness result = likeness.compare(a, b);
        if (result.score() >= NameLikeness.THRESHOLD) {
            into.add(new Suggestion(new EntityRef(a.id(), a.name()), new EntityRef(b.id(), b.name()), result.score(),
                    result.evidence()));
        }
    }

    private static Suggestions ranked(List<Suggestion> suggestions, int limit) {
        return new Suggestions(suggestions.stream()
                .sorted(Comparator.comparingDouble(Suggestion::score).reversed()
                        .thenComparing(s -> s.entity().id()).thenComparing(s -> s.other().id()))
                .limit(limit).toList());
    }

    private List<NameLikeness.Candidate> candidates() {
        List<NameLikeness.Candidate> all = new ArrayList<>();
        String cursor = null;
        do {
            EntityPage page = queries.query(new SearchEntities(null, PAGE, cursor), EntityPage.class).join();
            page.items().forEach(entity -> all.add(candidate(entity)));
            cursor = page.next();
        } while (cursor != null && all.size() < ClaimFinderService.MAX_ENTITIES);
        return all;
    }

    private static NameLikeness.Candidate candidate(EntityView entity) {
        List<String> names = new ArrayList<>();
        names.add(entity.name());
        names.addAll(entity.aliases());
        return new NameLikeness.Candidate(entity.id(), entity.name(), entity.kind(), names);
    }
}
