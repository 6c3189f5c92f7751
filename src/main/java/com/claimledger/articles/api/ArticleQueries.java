package com.claimledger.articles.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Queries answered by the article projection, and the one the claims side answers for it. */
public final class ArticleQueries {

    private ArticleQueries() {
    }

    public record FindArticle(String articleId) {
    }

    /** Articles by publication time, newest first. */
    public record ListArticles(int limit, String cursor) {
    }

    public record ArticlePage(List<ArticleView> items, String next) {
    }

    /** The claims that appear in each article; answered by the claims side. */
    public record ClaimIdsOf(Collection<String> articleIds) {
    }

    public record ClaimIds(Map<String, List<String>> byArticle) {

        public List<String> of(String articleId) {
            return byArticle.getOrDefault(articleId, List.of());
        }
    }
}
