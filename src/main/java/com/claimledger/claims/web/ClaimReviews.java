package com.claimledger.claims.web;

import com.claimledger.articles.api.ArticleView;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.claims.api.Rating;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A claim's editorial reviews as schema.org ClaimReview (JSON-LD), the format search engines and fact-check
 * aggregators read. Ratings map to 5 (TRUE) down to 1 (FALSE); UNPROVEN carries no value, only its name.
 */
final class ClaimReviews {

    private static final Map<Rating, Integer> VALUES = Map.of(Rating.TRUE, 5, Rating.MOSTLY_TRUE, 4, Rating.MIXED, 3,
            Rating.MOSTLY_FALSE, 2, Rating.FALSE, 1);

    private ClaimReviews() {
    }

    static List<Map<String, Object>> of(ClaimView claim, ArticleView article) {
        return claim.reviews().stream().map(review -> claimReview(claim, article, review)).toList();
    }

    private static Map<String, Object> claimReview(ClaimView claim, ArticleView article, ClaimView.Review review) {
        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("@type", "Rating");
        if (VALUES.containsKey(review.rating())) {
            rating.put("ratingValue", VALUES.get(review.rating()));
            rating.put("bestRating", 5);
            rating.put("worstRating", 1);
        }
        rating.put("alternateName", label(review.rating()));

        Map<String, Object> item = new LinkedHashMap<>();
        item.put("@type", "Claim");
        item.put("author", Map.of("@type", "Thing", "name", claim.attributedTo().name()));
        item.put("datePublished", claim.assertedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        if (article != null) {
            item.put("appearance", Map.of("@type", "CreativeWork", "url", article.url(), "headline", article.title()));
        }

        Map<String, Object> claimReview = new LinkedHashMap<>();
        claimReview.put("@context", "https://schema.org");
        claimReview.put("@type", "ClaimReview");
        claimReview.put("claimReviewed", claim.statement());
        claimReview.put("datePublished", review.at().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        if (review.reviewer() != null) {
            claimReview.put("author", Map.of("@type", "Organization", "name", review.reviewer()));
        }
        claimReview.put("reviewBody", review.explanation());
        claimReview.put("reviewRating", rating);
        claimReview.put("itemReviewed", item);
        return claimReview;
    }

    private static String label(Rating rating) {
        String words = rating.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
