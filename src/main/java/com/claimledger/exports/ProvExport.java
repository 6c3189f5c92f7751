package com.claimledger.exports;

import com.claimledger.ledger.api.LedgerEntry;
import com.claimledger.ledger.api.LedgerQueries.Entries;
import com.claimledger.ledger.api.LedgerQueries.ListEntries;
import com.claimledger.time.AsOf;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ledger as W3C PROV-O, written while it is read: the ledger's entries a page at a time, in sequence order, each
 * turned into the nodes it adds (a claim, an article, a revision, an invalidation, a dispute, the entry itself) and
 * written at once. Memory holds one page, whatever the ledger's size.
 * <p>
 * The export is a history, not a state: every entry up to {@code asOf} on the axis, so a withdrawn dispute is there
 * with its withdrawal. Entities (people, agencies…) and their names are identity, not narrative: they are always in.
 */
@Component
public class ProvExport {

    public enum Format {
        TURTLE, JSONLD
    }

    private static final int PAGE = 500;
    private static final Set<String> IDENTITY = Set.of("EntityRegistered", "EntityAliasAdded", "EntitiesMerged");

    private final QueryGateway queries;
    private final ObjectMapper json;

    ProvExport(QueryGateway queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    /** {@code base}: the ledger's public address, the prefix of every claim's, article's and entity's IRI. */
    public void write(OutputStream out, Format format, AsOf asOf, String base) throws IOException {
        Iris iris = new Iris(base);
        try (RdfWriter rdf = format == Format.TURTLE ? RdfWriter.turtle(out) : RdfWriter.jsonLd(out, json.getFactory())) {
            Long after = null;
            while (true) {
                List<LedgerEntry> page = queries.query(new ListEntries(after, PAGE), Entries.class).join().entries();
                for (LedgerEntry entry : page) {
                    if (IDENTITY.contains(entry.type()) || !timeOf(entry, asOf).isAfter(asOf.at())) {
                        for (RdfNode node : nodes(entry, iris)) {
                            rdf.write(node);
                        }
                    }
                }
                rdf.flush();
                if (page.size() < PAGE) {
                    return;
                }
                after = page.get(page.size() - 1).sequence();
            }
        }
    }

    private static Instant timeOf(LedgerEntry entry, AsOf asOf) {
        return asOf.axis() == AsOf.Axis.RECORDED ? entry.recordedAt() : entry.occurredAt();
    }

    private record Iris(String base) {
        String claim(String id) {
            return base + "/api/claims/" + id;
        }

        String entity(String id) {
            return base + "/api/entities/" + id;
        }

        String article(String id) {
            return base + "/api/articles/" + id;
        }

        String entry(long sequence) {
            return base + "/api/events/" + sequence;
        }
    }

    /** What one ledger entry says in PROV: the nodes it adds, the entry itself last. */
    private static List<RdfNode> nodes(LedgerEntry entry, Iris iris) {
        JsonNode event = entry.payload();
        List<RdfNode> nodes = new ArrayList<>();
        String recorded = entry.recordedAt().toString();
        String occurred = entry.occurredAt().toString();
        String entryIri = iris.entry(entry.sequence());
        List<String> about = new ArrayList<>();
        switch (entry.type()) {
            case "EntityRegistered" -> {
                String kind = event.path("kind").asText();
                RdfNode agent = new RdfNode(iris.entity(event.path("entityId").asText()), "prov:Agent",
                        kind.equals("PERSON") ? "prov:Person" : "prov:Organization")
                        .text("rdfs:label", event.path("name").asText()).text("cl:kind", kind);
                event.path("aliases").forEach(alias -> agent.text("cl:alias", alias.asText()));
                nodes.add(agent);
                about.add(agent.iri);
            }
            case "EntityAliasAdded" -> {
                nodes.add(new RdfNode(iris.entity(event.path("entityId").asText()))
                        .text("cl:alias", event.path("alias").asText()));
                about.add(iris.entity(event.path("entityId").asText()));
            }
            case "EntitiesMerged" -> {
                String canonical = iris.entity(event.path("entityId").asText());
                nodes.add(new RdfNode(canonical).text("cl:alias", event.path("alias").asText()));
                nodes.add(new RdfNode(iris.entity(event.path("mergedEntityId").asText()))
                        .link("owl:sameAs", canonical).link("cl:mergedInto", canonical));
                about.add(canonical);
            }
            case "ArticleRecorded" -> {
                RdfNode article = new RdfNode(iris.article(event.path("articleId").asText()), "prov:Entity", "cl:Article")
                        .text("dcterms:title", event.path("title").asText())
                        .typed("schema:url", event.path("url").asText(), "xsd:anyURI")
                        .text("cl:outlet", event.path("outlet").asText())
                        .text("dcterms:creator", event.path("author").asText(null))
                        .text("dcterms:language", event.path("language").asText(null))
                        .time("cl:publishedAt", event.path("publishedAt").asText())
                        .time("prov:generatedAtTime", recorded);
                nodes.add(article);
                about.add(article.iri);
            }
            case "ClaimRecorded" -> {
                RdfNode claim = new RdfNode(iris.claim(event.path("claimId").asText()), "prov:Entity", "cl:Claim")
                        .text("cl:statement", event.path("statement").asText())
                        .text("cl:quote", event.path("quote").asText(null))
                        .link("prov:wasAttributedTo", iris.entity(event.path("attributedTo").asText()))
                        .link("prov:wasQuotedFrom", iris.article(event.path("articleId").asText()));
                event.path("subjects").forEach(subject -> claim.link("cl:subject", iris.entity(subject.asText())));
                claim.text("cl:topic", event.path("topic").asText(null))
                        .time("cl:assertedAt", event.path("assertedAt").asText())
                        .time("prov:generatedAtTime", recorded);
                JsonNode eventTime = event.path("eventTime");
                if (eventTime.isObject()) {
                    claim.typed("cl:eventTimeFrom", eventTime.path("from").asText(null), "xsd:date")
                            .typed("cl:eventTimeTo", eventTime.path("to").asText(null), "xsd:date")
                            .text("cl:eventTimeText", eventTime.path("text").asText(null));
                }
                nodes.add(claim);
                about.add(claim.iri);
            }
            case "ClaimAmended" -> {
                String claim = iris.claim(event.path("claimId").asText());
                // Each amendment is a new wording of the claim as first recorded; their order is their times.
                RdfNode revision = new RdfNode(claim + "/revisions/" + entry.sequence(), "prov:Entity", "cl:Revision")
                        .link("prov:wasRevisionOf", claim)
                        .text("cl:statement", event.path("statement").asText())
                        .text("cl:quote", event.path("quote").asText(null))
                        .text("cl:reason", event.path("reason").asText(null))
                        .time("cl:occurredAt", occurred)
                        .time("prov:generatedAtTime", recorded);
                nodes.add(revision);
                about.add(claim);
            }
            case "ClaimRetracted" -> {
                String claim = iris.claim(event.path("claimId").asText());
                String retraction = claim + "/retraction";
                nodes.add(new RdfNode(retraction, "prov:Activity", "cl:Retraction")
                        .time("prov:startedAtTime", occurred).time("prov:endedAtTime", occurred)
                        .link("prov:wasAssociatedWith", iris.entity(event.path("retractedBy").asText()))
                        .text("cl:reason", event.path("reason").asText(null)));
                nodes.add(new RdfNode(claim).link("prov:wasInvalidatedBy", retraction)
                        .time("prov:invalidatedAtTime", occurred));
                about.add(claim);
            }
            case "ClaimDisputed", "ClaimCorroborated" -> {
                boolean dispute = entry.type().equals("ClaimDisputed");
                String claim = iris.claim(event.path("claimId").asText());
                String byClaim = iris.claim(event.path("byClaimId").asText());
                nodes.add(new RdfNode(byClaim).link(dispute ? "cl:disputes" : "cl:corroborates", claim));
                nodes.add(new RdfNode(relation(claim, byClaim, dispute), dispute ? "cl:Dispute" : "cl:Corroboration")
                        .link(dispute ? "cl:disputedClaim" : "cl:corroboratedClaim", claim)
                        .link(dispute ? "cl:disputingClaim" : "cl:corroboratingClaim", byClaim)
                        .text("cl:reason", event.path(dispute ? "reason" : "note").asText(null))
                        .time("cl:occurredAt", occurred)
                        .time("prov:generatedAtTime", recorded));
                about.add(claim);
                about.add(byClaim);
            }
            case "DisputeWithdrawn" -> {
                String claim = iris.claim(event.path("claimId").asText());
                String byClaim = iris.claim(event.path("byClaimId").asText());
                nodes.add(new RdfNode(relation(claim, byClaim, true))
                        .time("cl:withdrawnAt", occurred).text("cl:withdrawalReason", event.path("reason").asText(null)));
                about.add(claim);
                about.add(byClaim);
            }
            case "ClaimReviewed" -> {
                String claim = iris.claim(event.path("claimId").asText());
                nodes.add(new RdfNode(claim + "/reviews/" + entry.sequence(), "prov:Entity", "cl:Review")
                        .link("cl:reviewOf", claim)
                        .text("cl:rating", event.path("rating").asText())
                        .text("cl:explanation", event.path("explanation").asText(null))
                        .text("cl:reviewer", event.path("reviewer").asText(null))
                        .time("cl:occurredAt", occurred)
                        .time("prov:generatedAtTime", recorded));
                about.add(claim);
            }
            default -> {
                // An entry of a kind this export does not describe still appears below, with its hash.
            }
        }
        for (String subject : about) {
            nodes.add(new RdfNode(subject).link("cl:ledgerEntry", entryIri));
        }
        nodes.add(new RdfNode(entryIri, "cl:LedgerEntry")
                .typed("cl:sequence", Long.toString(entry.sequence()), "xsd:long")
                .text("cl:eventType", entry.type())
                .text("cl:actor", entry.actor())
                .time("cl:occurredAt", occurred)
                .time("prov:generatedAtTime", recorded)
                .text("cl:leafHash", entry.leafHash()));
        return nodes;
    }

    /** A dispute or corroboration: one node per ordered pair of claims (a withdrawal completes its dispute's node). */
    private static String relation(String claim, String byClaim, boolean dispute) {
        return claim + (dispute ? "/disputes/" : "/corroborations/") + byClaim.substring(byClaim.lastIndexOf('/') + 1);
    }
}
