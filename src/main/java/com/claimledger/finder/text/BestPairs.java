package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityRef;
import com.claimledger.finder.api.Suggestions;
import com.claimledger.finder.api.Suggestions.Suggestion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The {@code limit} best pairs of those offered, ranked as suggestions are: score, then the two entities' ids. Only
 * the pairs kept get their evidence written, and {@link #floor()} tells a comparison what a pair must reach to be kept,
 * so that pairs which cannot are not compared in full.
 */
final class BestPairs {

    private record Pair(double score, NameLikeness.Candidate entity, NameLikeness.Candidate other) {
    }

    private static final Comparator<Pair> RANK = Comparator.comparingDouble(Pair::score).reversed()
            .thenComparing(pair -> pair.entity().id()).thenComparing(pair -> pair.other().id());

    private final int limit;
    private final PriorityQueue<Pair> worstFirst = new PriorityQueue<>(RANK.reversed());

    BestPairs(int limit) {
        this.limit = limit;
    }

    /** The score a pair needs to be kept: the threshold, or the worst kept pair's once {@code limit} are kept. */
    double floor() {
        if (limit <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return worstFirst.size() < limit ? NameLikeness.THRESHOLD
                : Math.max(NameLikeness.THRESHOLD, worstFirst.peek().score());
    }

    void offer(double score, NameLikeness.Candidate entity, NameLikeness.Candidate other) {
        if (score < NameLikeness.THRESHOLD || limit <= 0) {
            return;
        }
        Pair pair = new Pair(score, entity, other);
        if (worstFirst.size() < limit) {
            worstFirst.add(pair);
        } else if (RANK.compare(pair, worstFirst.peek()) < 0) {
            worstFirst.poll();
            worstFirst.add(pair);
        }
    }

    /** The pairs kept, best first, each with the evidence of its likeness. */
    Suggestions suggestions(NameLikeness likeness) {
        List<Pair> best = new ArrayList<>(worstFirst);
        best.sort(RANK);
        List<Suggestion> suggestions = new ArrayList<>(best.size());
        for (Pair pair : best) {
            NameLikeness.Likeness result = likeness.compare(pair.entity(), pair.other());
            suggestions.add(new Suggestion(new EntityRef(pair.entity().id(), pair.entity().name()),
                    new EntityRef(pair.other().id(), pair.other().name()), result.score(), result.evidence()));
        }
        return new Suggestions(suggestions);
    }
}
