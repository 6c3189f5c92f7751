package com.claimledger.articles.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RecordArticle(@TargetAggregateIdentifier String articleId, String url, String title, String outlet,
                            Instant publishedAt, String author, String language, String text,
                            TimePrecision publishedAtPrecision) {
}
