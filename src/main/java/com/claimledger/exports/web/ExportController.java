package com.claimledger.exports.web;

import com.claimledger.articles.api.ArticleQueries.FindArticle;
import com.claimledger.articles.api.ArticleView;
import com.claimledger.claims.api.ClaimQueries.ClaimPage;
import com.claimledger.claims.api.ClaimQueries.FindClaim;
import com.claimledger.claims.api.ClaimQueries.ListReviewedClaims;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.entities.api.EntityKind;
import com.claimledger.entities.api.EntityQueries.FindEntity;
import com.claimledger.entities.api.EntityView;
import com.claimledger.exports.ClaimReviews;
import com.claimledger.exports.ProvExport;
import com.claimledger.kernel.LedgerException;
import com.claimledger.time.AsOf;
import com.claimledger.web.Requests;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The ledger in schema.org ClaimReview and W3C PROV-O, for search engines, aggregators and provenance tools. */
@RestController
class ExportController {

    static final MediaType LD_JSON = MediaType.parseMediaType("application/ld+json");
    static final MediaType TURTLE = MediaType.parseMediaType("text/turtle;charset=UTF-8");
    /** What a base address may hold: it goes into IRIs written raw into Turtle, so a hostile Host header cannot. */
    private static final Pattern SAFE_BASE = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(/[A-Za-z0-9._~\\-/]*)?");

    private final QueryGateway queries;
    private final ProvExport prov;
    private final Clock clock;
    private final String publisher;

    ExportController(QueryGateway queries, ProvExport prov, Clock clock,
                     @Value("${ledger.publisher.name:Claim Ledger}") String publisher) {
        this.queries = queries;
        this.prov = prov;
        this.clock = clock;
        this.publisher = publisher;
    }

    /** The claim's reviews as schema.org ClaimReview; {@code claim-reviews} is the path it had first. */
    @GetMapping(path = {"/api/claims/{id}/claimreview", "/api/claims/{id}/claim-reviews"},
            produces = {"application/ld+json", "application/json"})
    List<Map<String, Object>> claimReview(@PathVariable String id) {
        ClaimView claim = queries.query(new FindClaim(Requests.pathId("claim", id), AsOf.now(clock)),
                ResponseTypes.optionalInstanceOf(ClaimView.class)).join()
                .orElseThrow(() -> LedgerException.notFound("claim", id));
        return reviews(claim, base(), true);
    }

    /**
     * Every reviewed claim's ClaimReviews, a page of claims at a time, as a schema.org {@code DataFeed} (the form
     * Google's fact-check tools read); {@code next} is the cursor of the next page, null on the last.
     */
    @GetMapping(path = "/api/export/claimreview", produces = {"application/ld+json", "application/json"})
    Map<String, Object> claimReviewFeed(@RequestParam(required = false) String cursor,
                                        @RequestParam(required = false) Integer limit) {
        ClaimPage page = queries.query(new ListReviewedClaims(Requests.limit(limit), Requests.optional(cursor)),
                ClaimPage.class).join();
        String base = base();
        List<Map<String, Object>> elements = new ArrayList<>();
        page.items().forEach(claim -> elements.addAll(reviews(claim, base, false)));
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("@context", "https://schema.org");
        feed.put("@type", "DataFeed");
        feed.put("dateModified", clock.instant().toString());
        feed.put("dataFeedElement", elements);
        feed.put("next", page.next());
        return feed;
    }

    @GetMapping(path = "/api/export/prov", produces = {"text/turtle", "application/ld+json"})
    ResponseEntity<StreamingResponseBody> prov(@RequestParam(required = false) String format,
                                               @RequestParam(required = false) String asOf,
                                               @RequestParam(required = false) String axis) {
        ProvExport.Format chosen = format(format);
        // Checked before the first byte: once the export streams, its status is sent.
        AsOf moment = Requests.asOf(asOf, axis, clock);
        String base = base();
        return ResponseEntity.ok().contentType(chosen == ProvExport.Format.TURTLE ? TURTLE : LD_JSON)
                .body(out -> prov.write(out, chosen, moment, base));
    }

    private List<Map<String, Object>> reviews(ClaimView claim, String base, boolean withContext) {
        ArticleView article = queries.query(new FindArticle(claim.articleId()),
                ResponseTypes.optionalInstanceOf(ArticleView.class)).join().orElse(null);
        EntityKind kind = queries.query(new FindEntity(claim.attributedTo().id()),
                ResponseTypes.optionalInstanceOf(EntityView.class)).join().map(EntityView::kind).orElse(EntityKind.OTHER);
        return ClaimReviews.of(claim, article, new ClaimReviews.Context(base, publisher, kind), withContext);
    }

    private static ProvExport.Format format(String format) {
        if (format == null || format.isBlank()) {
            return ProvExport.Format.TURTLE;
        }
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "turtle", "ttl" -> ProvExport.Format.TURTLE;
            case "jsonld", "json-ld" -> ProvExport.Format.JSONLD;
            default -> throw LedgerException.invalid("format", "must be 'turtle' or 'jsonld'");
        };
    }

    /** The address this request reached the ledger by, the prefix of the IRIs it exports. */
    private static String base() {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return SAFE_BASE.matcher(base).matches() ? base : "http://localhost";
    }
}
