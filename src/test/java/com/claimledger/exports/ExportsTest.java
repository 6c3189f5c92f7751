package com.claimledger.exports;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.claimledger.support.Http.Response;
import com.claimledger.support.Rdf;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The ClaimReview and PROV-O exports, read as a consumer reads them: parsed by Apache Jena, queried with SPARQL. */
class ExportsTest extends ApiTest {

    private static final String GKNB_CLAIM = "iwpr-ky-14-gknb-amirov-shot-in-raid";
    private static final String KNB_CLAIM = "iwpr-ky-15-knb-amirov-died-early-july";
    private static final String SCHEMA = "PREFIX schema: <http://schema.org/>\n";
    private static final String PREFIXES = """
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX cl: <https://claimledger.example/ns/claimledger#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            """;

    /** Acceptance 1: JSON-LD that Jena reads into the expected triples, with every field Google requires. */
    @Test
    void claimReviewCarriesEveryRequiredFieldAsTriples() {
        String claim = reviewedClaim("export-review", "MOSTLY_FALSE", "contradicted by the Kazakh service");
        Response response = http.get("/api/claims/" + claim + "/claimreview");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/ld+json");
        Model model = Rdf.parse(response.raw().body(), Lang.JSONLD);
        List<QuerySolution> rows = Rdf.select(model, SCHEMA + """
                SELECT * WHERE {
                  ?review a schema:ClaimReview ;
                          schema:claimReviewed ?claimReviewed ;
                          schema:url ?url ;
                          schema:datePublished ?datePublished ;
                          schema:author [ a schema:Organization ; schema:name ?publisher ] ;
                          schema:reviewRating [ a schema:Rating ; schema:ratingValue ?value ; schema:bestRating ?best ;
                                                schema:worstRating ?worst ; schema:alternateName ?ratingName ] ;
                          schema:itemReviewed ?item .
                  ?item a schema:Claim ;
                        schema:author [ schema:name ?source ] ;
                        schema:datePublished ?claimDate ;
                        schema:appearance ?appearance ;
                        schema:firstAppearance ?first .
                  ?appearance schema:url ?articleUrl ; schema:headline ?headline .
                }""");
        assertThat(rows).hasSize(1);
        QuerySolution row = rows.get(0);
        assertThat(row.get("claimReviewed").asLiteral().getString()).isEqualTo("Amirov was shot in the raid.");
        assertThat(row.get("ratingName").asLiteral().getString()).isEqualTo("Mostly false");
        assertThat(row.get("value").asLiteral().getInt()).isEqualTo(2);
        assertThat(row.get("best").asLiteral().getInt()).isEqualTo(5);
        assertThat(row.get("worst").asLiteral().getInt()).isEqualTo(1);
        assertThat(row.get("source").asLiteral().getString()).isEqualTo("GKNB");
        assertThat(row.get("publisher").asLiteral().getString()).isEqualTo("Claim Ledger");
        assertThat(row.get("url").toString()).isEqualTo("http://localhost:" + port + "/?claim=" + claim);
        assertThat(row.get("articleUrl").toString()).startsWith("https://");
        assertThat(row.get("appearance")).isEqualTo(row.get("first"));
        assertThat(row.get("datePublished").asLiteral().getLexicalForm()).matches("\\d{4}-\\d{2}-\\d{2}");

        // The first path stays an alias.
        assertThat(http.get("/api/claims/" + claim + "/claim-reviews").raw().body()).isEqualTo(response.raw().body());
        assertThat(http.get("/api/claims/no-such-claim/claimreview").status()).isEqualTo(404);
    }

    @Test
    void theFeedPagesThroughEveryReviewedClaim() {
        Set<String> reviewed = Set.of(reviewedClaim("feed-a", "FALSE", "no"), reviewedClaim("feed-b", "TRUE", "yes"),
                reviewedClaim("feed-c", "UNPROVEN", "no evidence either way"));
        Set<String> seen = new java.util.HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = http.get("/api/export/claimreview?limit=1" + (cursor == null ? "" : "&cursor=" + Http.q(cursor)));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("@type").asText()).isEqualTo("DataFeed");
            Model model = Rdf.parse(page.raw().body(), Lang.JSONLD);
            Rdf.select(model, SCHEMA + "SELECT ?url WHERE { ?feed schema:dataFeedElement ?r . ?r a schema:ClaimReview ; schema:url ?url }")
                    .forEach(row -> seen.add(row.get("url").toString().replaceAll(".*claim=", "")));
            cursor = page.json().path("next").isNull() ? null : page.json().path("next").asText();
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(seen).containsAll(reviewed);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(http.get("/api/export/claimreview?limit=0").status()).isEqualTo(400);
    }

    /** Acceptance 2: both PROV serialisations parse, and SPARQL finds the seed's two claims, their article, their dispute. */
    @Test
    void provFindsTheDisputeAboutAmirov() {
        for (String format : List.of("turtle", "jsonld")) {
            Response response = http.get("/api/export/prov?format=" + format);
            assertThat(response.status()).as(format).isEqualTo(200);
            assertThat(response.contentType()).as(format).startsWith(format.equals("turtle") ? "text/turtle" : "application/ld+json");
            Model model = Rdf.parse(response.raw().body(), format.equals("turtle") ? Lang.TURTLE : Lang.JSONLD);
            List<QuerySolution> rows = Rdf.select(model, PREFIXES + """
                    SELECT ?gknbClaim ?knbClaim ?article ?title ?dispute ?hash WHERE {
                      ?amirov rdfs:label "Janbolat Amirov" .
                      ?gknb rdfs:label "GKNB" .
                      ?knb cl:alias "Kazakh security service" .
                      ?gknbClaim a prov:Entity ; prov:wasAttributedTo ?gknb ; cl:subject ?amirov ;
                                 prov:wasQuotedFrom ?article ; cl:topic "amirov-fate" ; cl:ledgerEntry ?entry .
                      ?knbClaim a prov:Entity ; prov:wasAttributedTo ?knb ; cl:subject ?amirov ; prov:wasQuotedFrom ?article .
                      ?article a prov:Entity ; dcterms:title ?title .
                      ?dispute a cl:Dispute ; cl:disputedClaim ?gknbClaim ; cl:disputingClaim ?knbClaim .
                      ?knbClaim cl:disputes ?gknbClaim .
                      ?entry cl:eventType "ClaimRecorded" ; cl:leafHash ?hash ; prov:generatedAtTime ?recorded .
                    }""");
            assertThat(rows).as(format).hasSize(1);
            assertThat(rows.get(0).get("gknbClaim").toString()).endsWith("/api/claims/" + GKNB_CLAIM);
            assertThat(rows.get(0).get("knbClaim").toString()).endsWith("/api/claims/" + KNB_CLAIM);
            assertThat(rows.get(0).get("article").toString()).endsWith("/api/articles/iwpr-kyrgyzstan-firefight");
            assertThat(rows.get(0).get("hash").asLiteral().getString()).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void provCarriesRevisionsAndInvalidationsAndTravelsInTime() {
        String base = "prov-history";
        String claim = claim(base, "Amirov fled abroad.");
        assertThat(http.post("/api/claims/" + claim + "/amendments", Map.of("statement", "Amirov fled to Kazakhstan.",
                "reason", "more precise", "at", "2015-07-20")).status()).isEqualTo(200);
        assertThat(http.post("/api/claims/" + claim + "/retraction", Map.of("reason", "recorded in error",
                "at", "2015-07-25")).status()).isEqualTo(200);
        Model now = Rdf.parse(http.get("/api/export/prov").raw().body(), Lang.TURTLE);
        List<QuerySolution> rows = Rdf.select(now, PREFIXES + """
                SELECT ?statement ?at WHERE {
                  ?revision prov:wasRevisionOf <%s> ; cl:statement ?statement .
                  <%s> prov:wasInvalidatedBy ?retraction .
                  ?retraction a prov:Activity ; prov:startedAtTime ?at ; prov:wasAssociatedWith ?source .
                }""".formatted(iri(claim), iri(claim)));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("statement").asLiteral().getString()).isEqualTo("Amirov fled to Kazakhstan.");
        assertThat(rows.get(0).get("at").asLiteral().getLexicalForm()).isEqualTo("2015-07-25T00:00:00Z");

        // As of 2015-07-21 on the narrative axis: amended, not yet retracted.
        Model then = Rdf.parse(http.get("/api/export/prov?format=jsonld&asOf=2015-07-21&axis=published").raw().body(), Lang.JSONLD);
        assertThat(Rdf.select(then, PREFIXES + "SELECT * WHERE { ?r prov:wasRevisionOf <" + iri(claim) + "> }")).hasSize(1);
        assertThat(Rdf.select(then, PREFIXES + "SELECT * WHERE { <" + iri(claim) + "> prov:wasInvalidatedBy ?a }")).isEmpty();

        assertThat(http.get("/api/export/prov?format=rdfxml").status()).isEqualTo(400);
        assertThat(http.get("/api/export/prov?asOf=yesterday").status()).isEqualTo(400);
        assertThat(http.get("/api/export/prov?axis=sideways").contentType()).startsWith("application/problem+json");
    }

    @Test
    void theVocabularyIsPublishedAsTurtle() {
        Response vocabulary = http.get("/ns/claimledger.ttl");
        assertThat(vocabulary.status()).isEqualTo(200);
        Model model = Rdf.parse(vocabulary.raw().body(), Lang.TURTLE);
        Set<String> terms = Rdf.select(model, PREFIXES + "SELECT ?term WHERE { ?term a ?kind FILTER(STRSTARTS(STR(?term), STR(cl:))) }")
                .stream().map(row -> row.get("term").asResource().getLocalName()).collect(Collectors.toSet());
        assertThat(terms).contains("Dispute", "Corroboration", "disputes", "corroborates", "disputedClaim",
                "disputingClaim", "leafHash", "LedgerEntry", "withdrawnAt");
        // Every cl: term the export uses is defined in the published vocabulary.
        Model export = Rdf.parse(http.get("/api/export/prov").raw().body(), Lang.TURTLE);
        Set<String> used = Rdf.select(export, PREFIXES + """
                SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s a ?term } FILTER(STRSTARTS(STR(?term), STR(cl:))) }""")
                .stream().map(row -> row.get("term").asResource().getLocalName()).collect(Collectors.toSet());
        assertThat(terms).containsAll(used);
    }

    private String iri(String claim) {
        return "http://localhost:" + port + "/api/claims/" + claim;
    }

    private String claim(String id, String statement) {
        Response created = http.post("/api/claims", Map.of("id", id, "articleId", "iwpr-kyrgyzstan-firefight",
                "statement", statement, "attributedTo", "GKNB", "subjects", List.of("Amirov")));
        assertThat(created.status()).as(created.raw().body()).isIn(200, 201);
        return id;
    }

    private String reviewedClaim(String id, String rating, String explanation) {
        claim(id, id.equals("export-review") ? "Amirov was shot in the raid." : "Claim " + id);
        Response review = http.post("/api/claims/" + id + "/reviews", Map.of("rating", rating, "explanation", explanation,
                "reviewer", "desk"));
        assertThat(review.status()).as(review.raw().body()).isEqualTo(201);
        return id;
    }

}
