package com.claimledger.articles.api;

import com.claimledger.time.Occurrence;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A publication in which claims appear entered the ledger; its narrative time is its publication time.
 * Revision 2 added {@code publishedAtPrecision} (revision 1 events are upcast by {@code ArticleRecordedUpcaster}).
 */
@Revision("2")
public record ArticleRecorded(String articleId, String url, String title, String outlet, Instant publishedAt,
                              String author, String language, String text, TimePrecision publishedAtPrecision)
        implements Occurrence {

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return publishedAt;
    }
}
