package com.claimledger.articles.api;

import java.time.Instant;

public record ArticleView(String id, String url, String title, String outlet, Instant publishedAt, String author,
                          String language, String text, TimePrecision publishedAtPrecision) {
}
