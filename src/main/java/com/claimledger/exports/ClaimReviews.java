package com.claimledger.exports;

import com.claimledger.articles.api.ArticleView;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.claims.api.Rating;
import com.claimledger.entities.api.EntityKind;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A claim's editorial reviews as schema.org ClaimReview (JSON-LD), the format search engines and fact-check
 * aggregators read, with every field Google's ClaimReview guidelines require. Ratings map to 5 (TRUE) down to 1
 * (FALSE); UNPROVEN is on no scale of truth, so it carries only its name ({@code alternateName}), as the guidelines
 * allow for a textual rating.
 */
public final class ClaimReviews {

    private static final Map<Rating, Integer> VALUES = Map.of(Rating.TRUE, 5, Rating.MOSTLY_TRUE, 4, Rating.MIXED, 3,
            Rating.MOSTLY_FALSE, 2, Rating.FALSE, 1);

    /**
     * {@code base}: the ledger's public address (IRIs and urls point there); {@code publisher}: who publishes the
     * fact-checks (the ClaimReview's author); {@code sourceKind}: the kind of entity the claim is attributed to.
     */
    public record Context(String base, String publisher, EntityKind sourceKind) {
    }

    private ClaimReviews() {
    }

    /** Each review of the claim as a ClaimReview; {@code withContext} false for elements embedded in a feed. */
    public static List<Map<String, Object>> of(ClaimView claim, ArticleView article, Context context, boolean withContext) {
        List<ClaimView.Review> reviews = claim.reviews();
        return java.util.stream.IntStream.range(0, reviews.size())
                .mapToObj(n -> claimReview(claim, article, reviews.get(n), n, context, withContext)).toList();
    }

    private static Map<String, Object> claimReview(ClaimView claim, ArticleView article, ClaimView.Review review, int n,
                                                   Context context, boolean withContext) {
        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("@type", "Rating");
        if (VALUES.containsKey(review.rating())) {
            rating.put("ratingValue", VALUES.get(review.rating()));
            rating.put("bestRating", 5);
            rating.put("worstRating", 1);
        }
        rating.put("alternateName", label(review.rating()));

        Map<String, Object> source = new LinkedHashMap<>();
        source.put("@type", context.sourceKind() == EntityKind.PERSON ? "Person" : "Organization");
        source.put("name", claim.attributedTo().name());

        Map<String, Object> item = new LinkedHashMap<>();
        item.put("@type", "Claim");
        item.put("author", source);
        item.put("datePublished", date(claim.assertedAt()));
        if (article != null) {
            Map<String, Object> appearance = new LinkedHashMap<>();
            appearance.put("@type", "NewsArticle");
            // One node for both properties: the article as the ledger knows it.
            appearance.put("@id", context.base() + "/api/articles/" + article.id());
            appearance.put("url", article.url());
            appearance.put("headline", article.title());
            appearance.put("datePublished", date(article.publishedAt()));
            appearance.put("publisher", Map.of("@type", "Organization", "name", article.outlet()));
            if (article.author() != null) {
                appearance.put("author", Map.of("@type", "Person", "name", article.author()));
            }
            // The ledger knows one article per claim: where it appeared is where it first appeared, as far as it knows.
            item.put("appearance", appearance);
            item.put("firstAppearance", appearance);
        }

        Map<String, Object> author = new LinkedHashMap<>();
        author.put("@type", "Organization");
        author.put("name", context.publisher());
        author.put("url", context.base() + "/");

        String claimUrl = context.base() + "/api/claims/" + claim.id();
        Map<String, Object> claimReview = new LinkedHashMap<>();
        if (withContext) {
            claimReview.put("@context", "https://schema.org");
        }
        claimReview.put("@type", "ClaimReview");
        claimReview.put("@id", claimUrl + "/claimreview#review-" + (n + 1));
        // The page a reader opens: the explorer with the claim selected.
        claimReview.put("url", context.base() + "/?claim=" + claim.id());
        claimReview.put("claimReviewed", claim.statement());
        claimReview.put("datePublished", date(review.at()));
        claimReview.put("author", author);
        if (review.reviewer() != null) {
            claimReview.put("contributor", Map.of("@type", "Person", "name", review.reviewer()));
        }
        claimReview.put("reviewBody", review.explanation());
        claimReview.put("reviewRating", rating);
        claimReview.put("itemReviewed", item);
        return claimReview;
    }

    private static String date(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String label(Rating rating) {
        String words = rating.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
