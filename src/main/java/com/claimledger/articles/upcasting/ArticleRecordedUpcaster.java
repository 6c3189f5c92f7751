package com.claimledger.articles.upcasting;

import com.claimledger.articles.api.ArticleRecorded;
import com.claimledger.articles.api.TimePrecision;
import com.claimledger.kernel.RevisionUpcaster;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * ArticleRecorded revision 1 to 2: adds {@code publishedAtPrecision}. Revision 1 stored a plain date as midnight
 * UTC, so a publication time at exactly midnight was given as a day; any other time was an instant.
 */
@Component
class ArticleRecordedUpcaster extends RevisionUpcaster {

    ArticleRecordedUpcaster() {
        super(ArticleRecorded.class, "1", "2");
    }

    @Override
    protected void upcast(ObjectNode payload) {
        Instant published = Instant.parse(payload.get("publishedAt").asText());
        boolean midnight = published.atOffset(ZoneOffset.UTC).toLocalTime().toNanoOfDay() == 0;
        payload.put("publishedAtPrecision", (midnight ? TimePrecision.DAY : TimePrecision.INSTANT).name());
    }
}
