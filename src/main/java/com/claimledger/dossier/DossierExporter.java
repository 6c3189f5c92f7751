package com.claimledger.dossier;

import com.claimledger.ledger.api.LedgerEntry;
import com.claimledger.ledger.api.LedgerQueries.CountEntries;
import com.claimledger.ledger.api.LedgerQueries.Entries;
import com.claimledger.ledger.api.LedgerQueries.ListEntries;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The whole ledger as a dossier that {@code POST /api/import} applies to an empty ledger to the same narrative: every
 * ledger entry becomes the element of the write that recorded it, with the narrative time it had ({@code at},
 * {@code assertedAt}, {@code publishedAt}). Ledger times are not carried: the importing ledger records its own.
 * <p>
 * Written as it is read: one pass over the ledger, a page at a time, for each list of the dossier, so that memory
 * holds one page and the entities' names (a claim names its source and subjects by name, as a client would).
 */
@Component
public class DossierExporter {

    private static final int PAGE = 500;

    private final QueryGateway queries;
    private final ObjectMapper json;
    private final Clock clock;

    DossierExporter(QueryGateway queries, ObjectMapper json, Clock clock) {
        this.queries = queries;
        this.json = json;
        this.clock = clock;
    }

    public void write(OutputStream out) throws IOException {
        // The ledger as it is now: entries appended while the passes run belong to the next export, not to some lists.
        long size = queries.query(new CountEntries(), Long.class).join();
        Map<String, String> names = new HashMap<>();
        try (JsonGenerator generator = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            generator.writeStartObject();
            generator.writeStringField("note", "exported from a Claim Ledger on " + clock.instant());
            section(generator, "entities", size, (entry, items) -> {
                if (entry.type().equals("EntityRegistered")) {
                    JsonNode event = entry.payload();
                    names.put(event.path("entityId").asText(), event.path("name").asText());
                    items.add(object().put("id", event.path("entityId").asText()).put("name", event.path("name").asText())
                            .put("kind", event.path("kind").asText()).set("aliases", event.path("aliases")));
                }
            });
            section(generator, "aliases", size, (entry, items) -> {
                JsonNode event = entry.payload();
                if (entry.type().equals("EntityAliasAdded") || entry.type().equals("EntitiesMerged")) {
                    items.add(object().put("entity", event.path("entityId").asText()).put("alias", event.path("alias").asText()));
                }
            });
            section(generator, "articles", size, (entry, items) -> {
                if (entry.type().equals("ArticleRecorded")) {
                    JsonNode event = entry.payload();
                    String publishedAt = event.path("publishedAt").asText();
                    // A day given as a date stays a date (its precision is part of what the article says).
                    if ("DAY".equals(event.path("publishedAtPrecision").asText(null))) {
                        publishedAt = publishedAt.substring(0, 10);
                    }
                    ObjectNode article = put(object().put("id", event.path("articleId").asText()), event, "url", "title",
                            "outlet").put("publishedAt", publishedAt);
                    items.add(put(article, event, "author", "language", "text"));
                }
            });
            section(generator, "claims", size, (entry, items) -> {
                if (entry.type().equals("ClaimRecorded")) {
                    JsonNode event = entry.payload();
                    ObjectNode claim = put(object().put("id", event.path("claimId").asText()), event, "articleId",
                            "statement", "quote");
                    claim.put("attributedTo", names.getOrDefault(event.path("attributedTo").asText(),
                            event.path("attributedTo").asText()));
                    ArrayNode subjects = claim.putArray("subjects");
                    event.path("subjects").forEach(subject -> subjects.add(names.getOrDefault(subject.asText(), subject.asText())));
                    put(claim, event, "topic", "assertedAt");
                    if (event.hasNonNull("eventTime")) {
                        claim.set("eventTime", event.get("eventTime"));
                    }
                    items.add(claim);
                }
            });
            section(generator, "relations", size, (entry, items) -> {
                JsonNode event = entry.payload();
                if (entry.type().equals("ClaimDisputed") || entry.type().equals("ClaimCorroborated")) {
                    ObjectNode relation = object().put("type", entry.type().equals("ClaimDisputed") ? "DISPUTES" : "CORROBORATES")
                            .put("claim", event.path("claimId").asText()).put("byClaim", event.path("byClaimId").asText());
                    String reason = event.path(entry.type().equals("ClaimDisputed") ? "reason" : "note").asText(null);
                    if (reason != null) {
                        relation.put("reason", reason);
                    }
                    items.add(relation.put("at", event.path("occurredAt").asText()));
                }
            });
            section(generator, "withdrawals", size, (entry, items) -> {
                if (entry.type().equals("DisputeWithdrawn")) {
                    JsonNode event = entry.payload();
                    items.add(object().put("claim", event.path("claimId").asText()).put("byClaim", event.path("byClaimId").asText())
                            .put("reason", event.path("reason").asText()).put("at", event.path("occurredAt").asText()));
                }
            });
            section(generator, "amendments", size, (entry, items) -> {
                if (entry.type().equals("ClaimAmended")) {
                    JsonNode event = entry.payload();
                    items.add(put(object().put("claim", event.path("claimId").asText()), event, "statement", "quote", "reason")
                            .put("at", event.path("occurredAt").asText()));
                }
            });
            section(generator, "retractions", size, (entry, items) -> {
                if (entry.type().equals("ClaimRetracted")) {
                    JsonNode event = entry.payload();
                    items.add(object().put("claim", event.path("claimId").asText()).put("reason", event.path("reason").asText())
                            .put("retractedBy", names.getOrDefault(event.path("retractedBy").asText(),
                                    event.path("retractedBy").asText()))
                            .put("at", event.path("occurredAt").asText()));
                }
            });
            section(generator, "reviews", size, (entry, items) -> {
                if (entry.type().equals("ClaimReviewed")) {
                    JsonNode event = entry.payload();
                    items.add(put(object().put("claim", event.path("claimId").asText()), event, "rating", "explanation",
                            "reviewer").put("at", event.path("occurredAt").asText()));
                }
            });
            generator.writeEndObject();
        }
    }

    /** One list of the dossier: a pass over the whole ledger, each page's elements written before the next is read. */
    private void section(JsonGenerator generator, String name, long size, BiConsumer<LedgerEntry, List<JsonNode>> element)
            throws IOException {
        generator.writeArrayFieldStart(name);
        Long after = null;
        while (true) {
            List<LedgerEntry> page = queries.query(new ListEntries(after, PAGE), Entries.class).join().entries();
            List<JsonNode> items = new ArrayList<>();
            page.stream().filter(entry -> entry.sequence() < size).forEach(entry -> element.accept(entry, items));
            for (JsonNode item : items) {
                generator.writeTree(item);
            }
            if (page.size() < PAGE || page.get(page.size() - 1).sequence() >= size - 1) {
                break;
            }
            after = page.get(page.size() - 1).sequence();
        }
        generator.writeEndArray();
        generator.flush();
    }

    private ObjectNode object() {
        return json.createObjectNode();
    }

    /** The event's fields of these names that have a value. */
    private static ObjectNode put(ObjectNode target, JsonNode event, String... fields) {
        for (String field : fields) {
            if (event.hasNonNull(field)) {
                target.set(field, event.get(field));
            }
        }
        return target;
    }

}
