package com.claimledger.articles.web;

import com.claimledger.articles.api.ArticleQueries.ArticlePage;
import com.claimledger.articles.api.ArticleQueries.ClaimIds;
import com.claimledger.articles.api.ArticleQueries.ClaimIdsOf;
import com.claimledger.articles.api.ArticleQueries.FindArticle;
import com.claimledger.articles.api.ArticleQueries.ListArticles;
import com.claimledger.articles.api.ArticleView;
import com.claimledger.articles.api.TimePrecision;
import com.claimledger.articles.api.ArticleWrites;
import com.claimledger.kernel.LedgerException;
import com.claimledger.web.Requests;
import com.claimledger.web.Responses;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/articles")
class ArticleController {

    /** An article as served, with the claims recorded from it. Lists leave {@code text} out. */
    record ArticleResource(String id, String url, String title, String outlet, Instant publishedAt,
                           TimePrecision publishedAtPrecision, String author, String language, String text,
                           List<String> claimIds) {
    }

    record ArticleList(List<ArticleResource> items, String next) {
    }

    private final ArticleWrites writes;
    private final QueryGateway queries;

    ArticleController(ArticleWrites writes, QueryGateway queries) {
        this.writes = writes;
        this.queries = queries;
    }

    @PostMapping
    ResponseEntity<ArticleResource> record(@Valid @RequestBody ArticleWrites.NewArticle body) {
        return Responses.written(writes.record(body), this::get);
    }

    @GetMapping("/{id}")
    ArticleResource get(@PathVariable String id) {
        ArticleView view = queries.query(new FindArticle(Requests.pathId("article", id)),
                ResponseTypes.optionalInstanceOf(ArticleView.class)).join()
                .orElseThrow(() -> LedgerException.notFound("article", id));
        return withClaims(List.of(view)).get(0);
    }

    @GetMapping
    ArticleList list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        ArticlePage page = queries.query(new ListArticles(Requests.limit(limit), cursor), ArticlePage.class).join();
        return new ArticleList(withClaims(page.items()), page.next());
    }

    private List<ArticleResource> withClaims(List<ArticleView> views) {
        ClaimIds claims = queries.query(new ClaimIdsOf(views.stream().map(ArticleView::id).toList()), ClaimIds.class).join();
        return views.stream().map(a -> new ArticleResource(a.id(), a.url(), a.title(), a.outlet(), a.publishedAt(), a.publishedAtPrecision(),
                a.author(), a.language(), a.text(), claims.of(a.id()))).toList();
    }
}
