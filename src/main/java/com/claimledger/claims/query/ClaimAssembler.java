package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimView;
import com.claimledger.claims.api.ClaimView.Amendment;
import com.claimledger.claims.api.ClaimView.DisputeLink;
import com.claimledger.claims.api.ClaimView.Retraction;
import com.claimledger.claims.api.ClaimView.Review;
import com.claimledger.claims.query.ClaimRows.Base;
import com.claimledger.claims.query.ClaimRows.RetractionRow;
import com.claimledger.entities.api.EntityQueries.Refs;
import com.claimledger.entities.api.EntityQueries.ResolveRefs;
import com.claimledger.time.AsOf;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Whole claim views as of a moment: the rows of every claim table, and the entities named, put together. */
@Component
class ClaimAssembler {

    private final ClaimRows rows;
    private final LinkMakers makers;
    private final QueryGateway queries;

    ClaimAssembler(ClaimRows rows, LinkMakers makers, QueryGateway queries) {
        this.rows = rows;
        this.makers = makers;
        this.queries = queries;
    }

    /** The claims of {@code ids} visible as of the moment, in the order of {@code ids}. */
    List<ClaimView> views(List<String> ids, AsOf asOf) {
        return ids.isEmpty() ? List.of() : views(ids, rows.bases(ids, asOf), asOf);
    }

    /**
     * The claims of {@code ids} whose claim_view rows, visible as of the moment, are read already ({@code read}: of
     * these claims and maybe others), in the order of {@code ids}.
     */
    List<ClaimView> views(List<String> ids, Map<String, Base> read, AsOf asOf) {
        Map<String, Base> bases = new LinkedHashMap<>();
        ids.stream().filter(read::containsKey).forEach(id -> bases.put(id, read.get(id)));
        if (bases.isEmpty()) {
            return List.of();
        }
        List<String> visible = List.copyOf(bases.keySet());
        // A claim's row holds its wording as recorded and its subjects (which have no time of their own); only a
        // claim ever amended has more wordings to read, as of the moment. Reading every claim's wordings and subjects
        // from their own tables read two more pages of the file a claim at 10^6 (V26).
        List<String> amended = bases.entrySet().stream().filter(base -> base.getValue().amendments() > 0)
                .map(Map.Entry::getKey).toList();
        Map<String, List<Amendment>> amendments = amended.isEmpty() ? Map.of() : rows.amendments(amended, asOf);
        // The rows about a claim in the other tables (its retraction, reviews, the disputes and corroborations of it)
        // come from events of its own, each after its recording (version 0): a claim whose row is still at version 0
        // has none, as of any moment. Most claims of a large ledger are never changed, and asking each of those
        // tables for them was a third of a search's request time at 10^6 entries (docs/benchmarks.md, thirty-fifth
        // round). The disputes and corroborations a claim makes are events of the other claim: those are read for the
        // claims marked on their rows as having made links, and those whose marks are still pending (LinkMakers) —
        // asked for every claim of a page, they were 16-22% of a search's or a current view's samples at 10^5 entries
        // (forty-third round).
        List<String> changed = bases.entrySet().stream().filter(base -> base.getValue().version() > 0)
                .map(Map.Entry::getKey).toList();
        Set<String> pending = makers.pending();
        List<String> making = bases.entrySet().stream()
                .filter(base -> base.getValue().makesLinks() || pending.contains(base.getKey()))
                .map(Map.Entry::getKey).toList();
        var disputes = rows.disputes(making, changed, asOf);
        // A dispute stands in force only while neither claim is retracted: the claims disputing or disputed by these
        // that are not among them have their retractions read too, for the statuses — in the same statement as the
        // changed claims' own (two statements a page before).
        List<String> counterparts = disputes.values().stream().flatMap(List::stream).map(DisputeLink::claimId)
                .filter(id -> !bases.containsKey(id)).distinct().toList();
        List<String> retractable = new ArrayList<>(changed);
        retractable.addAll(counterparts);
        Map<String, RetractionRow> retractionsRead = retractable.isEmpty() ? Map.of()
                : rows.retractions(retractable, asOf);
        Set<String> retracted = new HashSet<>(retractionsRead.keySet());
        Map<String, RetractionRow> retractions = new HashMap<>(retractionsRead);
        retractions.keySet().retainAll(Set.copyOf(changed));
        var corroborations = rows.corroborations(making, changed, asOf);
        Map<String, List<Review>> reviews = changed.isEmpty() ? Map.of() : rows.reviews(changed, asOf);

        Set<String> entityIds = new HashSet<>();
        bases.values().forEach(base -> {
            entityIds.add(base.attributedTo());
            entityIds.addAll(base.subjects());
        });
        retractions.values().forEach(r -> entityIds.add(r.retractedBy()));
        Refs refs = queries.query(new ResolveRefs(entityIds), Refs.class).join();

        List<ClaimView> views = new ArrayList<>();
        for (String id : ids) {
            Base base = bases.get(id);
            if (base == null) {
                continue;
            }
            List<Amendment> amendedSince = amendments.getOrDefault(id, List.of());
            Amendment current = amendedSince.isEmpty() ? base.recorded() : amendedSince.get(amendedSince.size() - 1);
            RetractionRow retraction = retractions.get(id);
            views.add(new ClaimView(id, base.version(), base.articleId(), current.statement(), current.quote(),
                    refs.of(base.attributedTo()),
                    base.subjects().stream().map(refs::of).distinct().toList(),
                    base.topic(), base.assertedAt(), base.eventTime(),
                    ClaimStatuses.of(id, retracted, disputes.getOrDefault(id, List.of())),
                    disputes.getOrDefault(id, List.of()), corroborations.getOrDefault(id, List.of()),
                    List.copyOf(amendedSince),
                    retraction == null ? null : new Retraction(retraction.reason(), refs.of(retraction.retractedBy()), retraction.at()),
                    reviews.getOrDefault(id, List.of()), base.recordedAt()));
        }
        return views;
    }
}
