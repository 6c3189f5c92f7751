package com.claimledger.articles.upcasting;

import com.claimledger.articles.api.ArticleRecorded;
import com.claimledger.articles.api.TimePrecision;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * ArticleRecorded revision 1 to 2: adds {@code publishedAtPrecision}. Revision 1 stored a plain date as midnight
 * UTC, so a publication time at exactly midnight was given as a day; any other time was an instant.
 */
@Component
class ArticleRecordedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(ArticleRecorded.class.getTypeName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(ArticleRecorded.class.getTypeName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            Instant published = Instant.parse(payload.get("publishedAt").asText());
            boolean midnight = published.atOffset(ZoneOffset.UTC).toLocalTime().toNanoOfDay() == 0;
            ((ObjectNode) payload).put("publishedAtPrecision", (midnight ? TimePrecision.DAY : TimePrecision.INSTANT).name());
            return payload;
        });
    }
}
