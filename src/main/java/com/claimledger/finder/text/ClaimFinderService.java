package com.claimledger.finder.text;

import com.claimledger.articles.api.ArticleQueries.FindArticle;
import com.claimledger.articles.api.ArticleView;
import com.claimledger.entities.api.EntityQueries.EntityPage;
import com.claimledger.entities.api.EntityQueries.EveryEntity;
import com.claimledger.entities.api.EntityView;
import com.claimledger.finder.api.ClaimFinder;
import com.claimledger.finder.api.Proposals;
import com.claimledger.finder.api.Proposals.Proposal;
import com.claimledger.finder.api.Proposals.Relation;
import com.claimledger.finder.api.Proposals.RelationType;
import com.claimledger.finder.api.Proposals.Speaker;
import com.claimledger.finder.api.Proposals.Subject;
import com.claimledger.kernel.LedgerException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Proposes the attributed statements of an article's text against the ledger's names; records nothing. */
@Service
class ClaimFinderService implements ClaimFinder {

    /** The ledger's names are read page by page; past this many entities the rest are not consulted. */
    static final int MAX_ENTITIES = 50_000;

    private final Finder finder;
    private final QueryGateway queries;

    ClaimFinderService(Language language, QueryGateway queries) {
        this.finder = new Finder(language);
        this.queries = queries;
    }

    @Override
    public Proposals propose(String articleId, String text) {
        ArticleView article = queries.query(new FindArticle(articleId), ResponseTypes.optionalInstanceOf(ArticleView.class))
                .join().orElseThrow(() -> LedgerException.notFound("article", articleId));
        String body = text != null && !text.isBlank() ? text : article.text();
        if (body == null || body.isBlank()) {
            throw LedgerException.unprocessable("text", "article '" + articleId + "' has no text: send the text to read");
        }
        KnownNames names = new KnownNames(knownEntities());
        Finder.Findings findings = finder.find(body, article.publishedAt().atOffset(ZoneOffset.UTC).toLocalDate(),
                article.outlet(), names);
        List<String> ids = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<Proposal> proposals = new ArrayList<>();
        for (Found found : findings.found()) {
            String id = "p" + found.start() + "-" + found.end();
            for (int n = 2; !taken.add(id); n++) {
                id = "p" + found.start() + "-" + found.end() + "." + n;
            }
            ids.add(id);
            proposals.add(new Proposal(id, found.quote(), found.start(), found.end(),
                    new Speaker(found.speaker().name(), found.speaker().entityId(), found.speaker().kind()),
                    found.cue(), found.statement(),
                    found.subjects().stream().map(k -> new Subject(k.name(), k.id())).toList(),
                    found.eventTime(), found.confidence()));
        }
        List<Relation> relations = findings.relations().stream()
                .map(r -> new Relation(RelationType.valueOf(r.type()), ids.get(r.claim()), ids.get(r.byClaim()), r.cue()))
                .toList();
        return new Proposals(articleId, proposals, relations);
    }

    private List<KnownNames.Known> knownEntities() {
        List<KnownNames.Known> known = new ArrayList<>();
        for (EntityView entity : queries.query(new EveryEntity(MAX_ENTITIES), EntityPage.class).join().items()) {
            List<String> allNames = new ArrayList<>();
            allNames.add(entity.name());
            allNames.addAll(entity.aliases());
            known.add(new KnownNames.Known(entity.id(), entity.name(), entity.kind(), allNames));
        }
        return known;
    }
}
