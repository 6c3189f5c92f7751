package com.claimledger.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 description at {@code /v3/api-docs} (a copy is kept as docs/openapi.json, compared by a test): what
 * springdoc reads from the controllers, completed here in one place with what it cannot read — each operation's
 * summary, each parameter's meaning, example bodies of the writes, the bearer token of writes, and the problem
 * answers (RFC 9457, application/problem+json) each endpoint can give.
 */
@Configuration
class ApiDescription {

    static final String PROBLEM = "application/problem+json";

    private static final Map<String, String> SUMMARIES = summaries();
    /** The writes that go through the ledger's read-your-writes wait, and so may answer 202 (RecordedNotYetVisible). */
    private static final Pattern LEDGER_WRITES = Pattern.compile(
            "/api/(claims|entities|articles)(/\\{id}(/.*)?)?|/api/import");
    private static final Map<String, String> PARAMETERS = parameters();
    private static final Map<String, String> EXAMPLES = examples();
    /** The writes that answer 201 when they record something (200 for an identical repeat). */
    private static final java.util.Set<String> CREATES = java.util.Set.of("POST /api/entities", "POST /api/articles",
            "POST /api/claims", "POST /api/claims/{id}/disputes", "POST /api/claims/{id}/corroborations",
            "POST /api/claims/{id}/reviews");

    @Bean
    OpenAPI claimLedgerApi() {
        return new OpenAPI()
                .info(new Info().title("Claim Ledger").version("0.1.0")
                        .description("An event-sourced ledger of attributed news claims. Reads are public; writes need "
                                + "an editor's bearer token (admin operations an admin's). Every error is "
                                + "application/problem+json (RFC 9457). The contract is SPEC.md; docs/api.md and "
                                + "docs/interop.md describe it."))
                // Relative: the ledger that serves the description is the one it describes, wherever it runs.
                .servers(List.of(new io.swagger.v3.oas.models.servers.Server().url("/").description("this ledger")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("a token configured in ledger.security.editors / admins, or generated into the data directory")));
    }

    @Bean
    OpenApiCustomizer problemsAndDescriptions() {
        return api -> {
            // Sorted, so that the committed copy and the served document compare byte for byte once normalised.
            api.setPaths(sorted(api.getPaths()));
            api.getComponents().addSchemas("Problem", problemSchema());
            api.getComponents().addSchemas("RecordedNotYetVisible", recordedSchema());
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    describe(path, method, operation)));
        };
    }

    private static io.swagger.v3.oas.models.Paths sorted(io.swagger.v3.oas.models.Paths paths) {
        io.swagger.v3.oas.models.Paths ordered = new io.swagger.v3.oas.models.Paths();
        new TreeMap<>(paths).forEach(ordered::addPathItem);
        return ordered;
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        String key = method + " " + path;
        if (operation.getSummary() == null && SUMMARIES.containsKey(key)) {
            operation.setSummary(SUMMARIES.get(key));
        }
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                if (parameter.getDescription() == null) {
                    parameter.setDescription(PARAMETERS.get(parameter.getName()));
                }
            }
        }
        if (operation.getRequestBody() != null && EXAMPLES.containsKey(key)) {
            operation.getRequestBody().getContent().values().forEach(media ->
                    media.setExamples(Map.of("example", new Example().summary("from the seed's story")
                            .value(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(parse(EXAMPLES.get(key)))))));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (CREATES.contains(key) && responses.containsKey("200") && !responses.containsKey("201")) {
            ApiResponse repeat = responses.get("200");
            responses.addApiResponse("201", new ApiResponse().description("recorded").content(repeat.getContent()));
            repeat.setDescription("an identical repeat: nothing new recorded");
        }
        if (key.equals("POST /api/admin/dead-letters/retry")) {
            problem(responses, "409", "a replay is rebuilding the projections (on this node or another of the"
                    + " database); retry once it has ended");
        }
        if (key.equals("POST /api/admin/replay") && responses.containsKey("200")) {
            responses.addApiResponse("202", responses.remove("200").description("the replay started"));
            problem(responses, "409", "another node's replay is rebuilding the projections of this database; one"
                    + " replay runs at a time");
        }
        if (key.equals("GET /api/export/dossier")) {
            responses.addApiResponse("200", new ApiResponse().description("the dossier, streamed").content(new Content()
                    .addMediaType("application/json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Dossier")))));
        }
        if (key.equals("GET /api/export/prov")) {
            responses.addApiResponse("200", new ApiResponse().description("PROV-O, streamed").content(new Content()
                    .addMediaType("text/turtle", new MediaType().schema(new StringSchema()))
                    .addMediaType("application/ld+json", new MediaType().schema(new ObjectSchema()))));
        }
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        problem(responses, "400", "a malformed request: an unknown query parameter, an unparsable value, invalid JSON or fields (with errors)");
        if (path.contains("{")) {
            problem(responses, "404", "what the path names does not exist");
        }
        if (write) {
            operation.setSecurity(List.of(new SecurityRequirement().addList("bearer")));
            problem(responses, "401", "no bearer token, or one the ledger does not know");
            problem(responses, "403", "the token's principal lacks the role (editor; admin for /api/admin)");
            if (operation.getRequestBody() != null) {
                problem(responses, "404", "a record the body names (article, claim, entity) does not exist");
                problem(responses, "409", "the current state forbids the write, or the id exists with other content");
                problem(responses, "413", "the body is larger than the limit (1 MiB by default)");
                problem(responses, "415", "the body is not application/json");
                problem(responses, "422", "a quote that does not occur in its article's text");
            }
            if (path.startsWith("/api/claims/{id}/")) {
                problem(responses, "412", "If-Match names another version of the claim than the current one");
            }
            if (LEDGER_WRITES.matcher(path).matches() && !path.endsWith("/proposals") && !responses.containsKey("202")) {
                responses.addApiResponse("202", new ApiResponse().description("stored in the ledger, but the views did"
                        + " not show it within ledger.projections.read-your-writes-timeout: Location says where the record"
                        + " will read, Retry-After when to look; do not send the write again").content(new Content()
                        .addMediaType("application/json", new MediaType().schema(new Schema<>()
                                .$ref("#/components/schemas/RecordedNotYetVisible")))));
            }
        }
        problem(responses, "503", "a replay is rebuilding the projections (Retry-After says when to come back)");
        operation.setResponses(responses);
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM, new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
    }

    private static Object parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an example of the API description is not JSON: " + json, e);
        }
    }

    @SuppressWarnings("rawtypes")
    private static Schema recordedSchema() {
        ObjectSchema recorded = new ObjectSchema();
        recorded.addProperty("status", new StringSchema().description("RECORDED"));
        recorded.addProperty("detail", new StringSchema().description("what happened, for a person"));
        recorded.addProperty("records", new ArraySchema().items(new StringSchema())
                .description("the ids of the records the write recorded or repeated"));
        recorded.addProperty("location", new StringSchema().description("where the record will read (also the Location"
                + " header), or null for an import"));
        return recorded;
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().description("the field, parameter or header at fault"));
        error.addProperty("message", new StringSchema().description("what is wrong with it"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.addProperty("type", new StringSchema().format("uri").description("a URI naming the kind of problem"));
        problem.addProperty("title", new StringSchema().description("the kind of problem, in words"));
        problem.addProperty("status", new IntegerSchema().description("the HTTP status"));
        problem.addProperty("detail", new StringSchema().description("what went wrong with this request"));
        problem.addProperty("instance", new StringSchema().format("uri"));
        problem.addProperty("errors", new ArraySchema().items(error).description("validation errors, one per field"));
        problem.setRequired(List.of("type", "title", "status", "detail"));
        return problem;
    }

    private static Map<String, String> summaries() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("POST /api/entities", "Register an entity (person, agency, outlet…) with its aliases; an identical repeat is a no-op");
        s.put("POST /api/entities/{id}/aliases", "Add an alias; an alias that names another entity merges it into this one");
        s.put("GET /api/entities", "Search entities by any name or alias");
        s.put("GET /api/entities/{id}", "An entity with its aliases, merged ids and record as a source (a merged id answers the canonical entity)");
        s.put("POST /api/articles", "Record an article in which claims appear");
        s.put("GET /api/articles", "Articles, newest first");
        s.put("GET /api/articles/{id}", "An article with the ids of its claims");
        s.put("POST /api/claims", "Record an attributed claim; unknown entity names register entities of kind OTHER");
        s.put("GET /api/claims", "Search claims: full text, subject, source, topic, article, status");
        s.put("GET /api/claims/{id}", "A claim as it stands now, or as of a moment on either axis");
        s.put("GET /api/claims/{id}/history", "Every ledger entry of the claim, oldest first");
        s.put("GET /api/claims/{id}/proof", "Every ledger entry of the claim with its inclusion proof against a signed head");
        s.put("POST /api/claims/{id}/disputes", "Record that another claim (byClaim) contradicts this one");
        s.put("POST /api/claims/{id}/disputes/{byClaim}/withdrawal", "Withdraw a dispute in force");
        s.put("POST /api/claims/{id}/corroborations", "Record that another claim (byClaim) supports this one");
        s.put("POST /api/claims/{id}/amendments", "Record a new wording of the claim (the old one stays in history)");
        s.put("POST /api/claims/{id}/retraction", "Retract the claim");
        s.put("POST /api/claims/{id}/reviews", "Record an editorial verdict on the claim");
        s.put("GET /api/claims/{id}/claimreview", "The claim's reviews as schema.org ClaimReview (JSON-LD)");
        s.put("GET /api/claims/{id}/claim-reviews", "The claim's reviews as schema.org ClaimReview (JSON-LD); the first path of /claimreview");
        s.put("GET /api/export/claimreview", "Every reviewed claim's ClaimReview as a schema.org DataFeed, a page of claims at a time");
        s.put("GET /api/export/prov", "The ledger as W3C PROV-O (Turtle or JSON-LD), streamed; vocabulary at /ns/claimledger.ttl");
        s.put("GET /api/export/dossier", "The whole ledger as a dossier that POST /api/import applies to an empty ledger");
        s.put("POST /api/import", "Apply a dossier in order, as one write; an identical repeat records nothing");
        s.put("GET /api/views/current", "Every claim not retracted as of a moment, each with its status then");
        s.put("GET /api/views/disputed", "Every dispute in force as of a moment");
        s.put("GET /api/views/retracted", "Every claim retracted as of a moment");
        s.put("GET /api/views/checksum", "SHA-256 over a canonical dump of every projection");
        s.put("GET /api/narrative/diff", "The changes with from < time <= to on an axis");
        s.put("GET /api/narrative/timeline", "Every change to the claims about a subject or on a topic, in narrative order");
        s.put("GET /api/events", "The whole ledger, dense sequence from 0, with leaf hashes");
        s.put("GET /api/stream", "Server-Sent Events, one per ledger entry appended from now on");
        s.put("GET /api/ledger/head", "The signed head of the ledger's Merkle tree (Ed25519)");
        s.put("GET /api/ledger/proofs/inclusion", "RFC 9162 inclusion proof of an entry in the tree of a size");
        s.put("GET /api/ledger/proofs/consistency", "RFC 9162 consistency proof between two tree sizes");
        s.put("GET /api/ledger/verify", "Recompute every entry from the stored events and compare with the recorded hashes");
        s.put("POST /api/articles/{id}/proposals", "Propose the attributed statements of the article's text (or of the text given) for an editor to accept; nothing is recorded");
        s.put("GET /api/entities/{id}/alias-suggestions", "Entities that are probably this one, with the evidence, best first; nothing is merged");
        s.put("GET /api/entities/merge-suggestions", "Pairs of entities that are probably one, with the evidence, best first; nothing is merged");
        s.put("POST /api/admin/replay", "Rebuild every projection from the ledger (admin)");
        s.put("GET /api/admin/replay/{id}", "A replay's progress");
        s.put("GET /api/admin/dead-letters", "Events a projection failed on (admin)");
        s.put("POST /api/admin/dead-letters/retry", "Retry the dead letters (admin)");
        return s;
    }

    private static Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("asOf", "an ISO-8601 date (its end, UTC) or instant; absent: now");
        p.put("axis", "published (narrative time, default) or recorded (ledger time)");
        p.put("limit", "page size, 1 to 500 (default 100)");
        p.put("cursor", "the previous page's next (opaque)");
        p.put("after", "the sequence after which to start (the previous page's next)");
        p.put("subject", "an entity the claims are about: any of its names or aliases");
        p.put("source", "the entity the claims are attributed to: any of its names or aliases");
        p.put("topic", "the key of the question the claims answer");
        p.put("q", "words to find (full text over statement and quote; for entities, over names and aliases)");
        p.put("articleId", "claims of this article");
        p.put("status", "STANDING, DISPUTED or RETRACTED");
        p.put("from", "start of the interval (exclusive): a date (its end) or instant");
        p.put("to", "end of the interval (inclusive): a date (its end) or instant; absent: now");
        p.put("format", "turtle (default) or jsonld");
        p.put("id", "the record's id");
        p.put("byClaim", "the id of the other claim of the dispute");
        p.put("size", "a tree size (number of entries); absent: the current head");
        p.put("index", "an entry's sequence");
        p.put("Last-Event-ID", "the sequence of the last event received: the stream resumes after it");
        p.put("If-Match", "the claim's version as last read (\"3\"); a mismatch is 412");
        return p;
    }

    private static Map<String, String> examples() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("POST /api/entities", """
                {"id": "gknb", "name": "GKNB", "kind": "AGENCY", "aliases": ["State Committee for National Security"]}""");
        e.put("POST /api/entities/{id}/aliases", """
                {"alias": "Janbolat Amirov"}""");
        e.put("POST /api/articles", """
                {"id": "iwpr-example", "url": "https://iwpr.net/example", "title": "Kyrgyzstan: firefight in Bishkek",
                 "outlet": "IWPR", "publishedAt": "2015-07-17", "author": "IWPR staff", "language": "en"}""");
        e.put("POST /api/claims", """
                {"id": "gknb-amirov-killed", "articleId": "iwpr-example", "statement": "Amirov was killed in the raid.",
                 "quote": "Amirov was killed", "attributedTo": "GKNB", "subjects": ["Zhanbolat Amirov"],
                 "topic": "amirov-fate", "assertedAt": "2015-07-16",
                 "eventTime": {"from": "2015-07-16", "to": "2015-07-16", "text": "during the raid"}}""");
        e.put("POST /api/claims/{id}/disputes", """
                {"byClaim": "kz-amirov-died-july", "reason": "the Kazakh service dates his death to early July", "at": "2015-07-20"}""");
        e.put("POST /api/claims/{id}/disputes/{byClaim}/withdrawal", """
                {"reason": "recorded in error", "at": "2015-07-28"}""");
        e.put("POST /api/claims/{id}/corroborations", """
                {"byClaim": "rferl-amirov-killed", "note": "same spokesman", "at": "2015-07-18"}""");
        e.put("POST /api/claims/{id}/amendments", """
                {"statement": "Amirov died in early July.", "reason": "correction by the outlet", "at": "2015-07-22"}""");
        e.put("POST /api/claims/{id}/retraction", """
                {"reason": "the outlet withdrew the report", "retractedBy": "GKNB", "at": "2015-07-30"}""");
        e.put("POST /api/claims/{id}/reviews", """
                {"rating": "MOSTLY_FALSE", "explanation": "contradicted by the Kazakh service", "reviewer": "desk"}""");
        e.put("POST /api/articles/{id}/proposals", """
                {"text": "Amirov was killed in the raid, the GKNB said. This has been disputed by the security service in Kazakstan."}""");
        e.put("POST /api/import", """
                {"entities": [{"id": "gknb", "name": "GKNB", "kind": "AGENCY"}],
                 "articles": [{"id": "a1", "url": "https://example.org/a1", "title": "T", "outlet": "O", "publishedAt": "2015-07-17"}],
                 "claims": [{"id": "c1", "articleId": "a1", "statement": "S", "attributedTo": "GKNB"}],
                 "relations": [], "retractions": []}""");
        return e;
    }
}
