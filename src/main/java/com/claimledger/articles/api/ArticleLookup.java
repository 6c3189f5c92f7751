package com.claimledger.articles.api;

import java.time.Instant;
import java.util.Optional;

/** The write side's consistent view of recorded articles, read inside the writing transaction. */
public interface ArticleLookup {

    Optional<ArticleFacts> find(String articleId);

    /** What a claim needs to know of its article: when it was published, and its text to anchor quotes in. */
    record ArticleFacts(String articleId, Instant publishedAt, String text) {
    }
}
