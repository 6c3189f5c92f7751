package com.claimledger.web;

import com.claimledger.support.Http;
import com.claimledger.support.Http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 3, its second half: requests generated from the OpenAPI description for every write endpoint it lists,
 * valid and invalid (bodies from the schemas, then broken: a required field missing, a wrong type, an unknown field,
 * a value past its limit, a bad date, a bad id, bad JSON, a stale or malformed If-Match). No answer is a 5xx, every
 * status is one the description documents for the operation, every problem is problem+json with its fields, and
 * every success matches its documented schema. Seeded: a failure names the seed and the request, and repeats.
 * A ledger of its own: the generated writes merge, dispute and retract the seed's records, which the tests that share
 * {@link com.claimledger.support.ApiTest}'s ledger read as the seed left them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.data-dir=target/test-data/fuzz",
        "ledger.security.editors=editor:" + Http.EDITOR,
        "ledger.security.admins=admin:" + Http.ADMIN
})
// Its ledger is of no use to other tests: closed after, so that its background work does not slow theirs.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ApiFuzzTest {

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/test-data/fuzz").toFile());
    }

    @LocalServerPort
    int port;

    private static final long SEED = Long.getLong("fuzz.seed", 20151717L);
    private static final int VALID = 25;
    private static final int INVALID = 25;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] SEED_CLAIMS = {"iwpr-ky-14-gknb-amirov-shot-in-raid", "iwpr-ky-15-knb-amirov-died-early-july",
            "iwpr-ky-13-gknb-amirov-led-group", "iwpr-ky-23-gknb-jumagulov-killed-in-raids"};
    private static final String[] NAMES = {"GKNB", "KNB", "Janbolat Amirov", "Zhanbolat Amirov", "IWPR", "Fuzz Source",
            "Кадыр Маликов", "  spaced  name ", "Islamic State"};
    private static final String[] TEXTS = {"Amirov was killed", "a statement", "ünïcödé — “quotes” ‘and’ dashes", "<script>alert(1)</script>",
            "' or 1=1 --", "😀 emoji", "\"quoted\"", "back\\slash", "%s%n{0}", "right-to-left \u202e text"};

    private final Random random = new Random(SEED);
    private final List<String> claimIds = new ArrayList<>(List.of(SEED_CLAIMS));
    private final List<String> entityIds = new ArrayList<>(List.of("gknb", "knb-kazakhstan", "janbolat-amirov"));
    private final List<String> articleIds = new ArrayList<>(List.of("iwpr-kyrgyzstan-firefight"));
    /** Disputes this run recorded, (claim, byClaim), for the withdrawals to name. */
    private final List<String[]> disputes = new ArrayList<>();
    private Http http;
    private JsonNode api;
    private int counter;

    @Test
    void everyWriteEndpointAnswersAsDocumented() {
        http = new Http(port);
        api = http.get("/v3/api-docs").json();
        Set<String> writes = new TreeSet<>();
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (!operation.getKey().equals("get")) {
                writes.add(operation.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        assertThat(writes).contains("POST /api/entities", "POST /api/entities/{id}/aliases", "POST /api/articles",
                "POST /api/claims", "POST /api/claims/{id}/disputes", "POST /api/claims/{id}/disputes/{byClaim}/withdrawal",
                "POST /api/claims/{id}/corroborations", "POST /api/claims/{id}/amendments", "POST /api/claims/{id}/retraction",
                "POST /api/claims/{id}/reviews", "POST /api/import", "POST /api/admin/replay");
        // Claims and entities first, so that the later endpoints find fuzzed records to act on.
        List<String> ordered = new ArrayList<>(writes);
        ordered.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        Map<String, Map<Integer, Integer>> seen = new HashMap<>();
        for (String write : ordered) {
            String path = write.substring(write.indexOf(' ') + 1);
            JsonNode operation = api.path("paths").path(path).path("post");
            // An admin operation rebuilds the projections: once, and waited for, is enough to cover it.
            boolean admin = path.startsWith("/api/admin/");
            for (int i = 0; i < (admin ? 1 : VALID); i++) {
                check(write, path, operation, true, seen);
            }
            for (int i = 0; i < (admin ? 2 : INVALID); i++) {
                check(write, path, operation, false, seen);
            }
        }
        // Both kinds of answer were reached on every endpoint with a body: the generator is not only making noise.
        seen.forEach((write, statuses) -> {
            if (!write.contains("/admin/")) {
                assertThat(statuses.keySet()).as(write + " " + statuses).anyMatch(status -> status < 300);
                assertThat(statuses.keySet()).as(write + " " + statuses).anyMatch(status -> status >= 400);
            }
        });
    }

    private static int rank(String write) {
        if (write.endsWith("/api/entities") || write.endsWith("/api/articles")) {
            return 0;
        }
        if (write.endsWith("/api/claims")) {
            return 1;
        }
        return write.contains("/admin/") ? 3 : 2;
    }

    private void check(String write, String pathTemplate, JsonNode operation, boolean valid, Map<String, Map<Integer, Integer>> seen) {
        JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json").path("schema");
        String path = pathTemplate;
        Map<String, String> headers = new HashMap<>();
        String body;
        String breakage = "none";
        if (bodySchema.isMissingNode()) {
            body = valid ? null : "{\"unexpected\": true}";
        } else {
            JsonNode value = generate(bodySchema, null);
            if (valid) {
                body = value.toString();
            } else {
                int how = random.nextInt(9);
                breakage = List.of("missing required", "wrong type", "unknown field", "too long", "bad date", "bad JSON",
                        "not an object", "bad id", "bad If-Match").get(how);
                body = broken(value, bodySchema, how, headers);
            }
        }
        Map<String, String> ids = new HashMap<>();
        // A valid withdrawal names a dispute in force: one this run recorded (random pairs are almost never disputed).
        String[] dispute = valid && pathTemplate.endsWith("/withdrawal") && !disputes.isEmpty()
                ? disputes.remove(random.nextInt(disputes.size())) : null;
        for (Iterator<String> names = List.of("id", "byClaim").iterator(); names.hasNext(); ) {
            String name = names.next();
            if (path.contains("{" + name + "}")) {
                String id = pathTemplate.startsWith("/api/entities") ? pick(entityIds)
                        : pathTemplate.startsWith("/api/articles") ? pick(articleIds) : pick(claimIds);
                if (dispute != null) {
                    id = name.equals("id") ? dispute[0] : dispute[1];
                }
                if (!valid && breakage.equals("bad id")) {
                    id = List.of("no-such-record", "-starts-with-dash", "x".repeat(150), "with%20space").get(random.nextInt(4));
                }
                ids.put(name, id);
                path = path.replace("{" + name + "}", id);
            }
        }
        String token = pathTemplate.startsWith("/api/admin/") ? Http.ADMIN : Http.EDITOR;
        Response response = http.send("POST", path, body, token, headers);
        int status = response.status();
        String request = "seed " + SEED + ": POST " + path + " " + headers + " (" + breakage + ") " + abbreviate(body)
                + " -> " + status + " " + abbreviate(response.raw().body());
        seen.computeIfAbsent(write, w -> new HashMap<>()).merge(status, 1, Integer::sum);
        assertThat(status).as(request).isLessThan(500);
        JsonNode documented = operation.path("responses").path(Integer.toString(status));
        assertThat(documented.isMissingNode()).as("undocumented status: " + request).isFalse();
        if (status >= 400) {
            assertThat(response.contentType()).as(request).startsWith("application/problem+json");
            JsonNode problem = response.json();
            assertThat(problem.path("type").isTextual() && problem.path("title").isTextual()
                    && problem.path("detail").isTextual()).as(request).isTrue();
            assertThat(problem.path("status").asInt()).as(request).isEqualTo(status);
            conforms(problem, ref("Problem"), "$", request);
        } else {
            JsonNode schema = documented.path("content").elements().hasNext()
                    ? documented.path("content").elements().next().path("schema") : null;
            if (schema != null && !schema.isMissingNode()) {
                conforms(response.json(), schema, "$", request);
            }
            remember(pathTemplate, response.json());
            if (pathTemplate.equals("/api/claims/{id}/disputes") && body != null) {
                disputes.add(new String[]{ids.get("id"), readJson(body).path("byClaim").asText()});
            }
            if (pathTemplate.equals("/api/admin/replay")) {
                awaitReplay(response.json().path("id").asText());
            }
        }
    }

    private static JsonNode readJson(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a successful write created, for the later writes to name. */
    private void remember(String pathTemplate, JsonNode answer) {
        if (pathTemplate.equals("/api/claims")) {
            claimIds.add(answer.path("id").asText());
        } else if (pathTemplate.equals("/api/entities")) {
            entityIds.add(answer.path("id").asText());
        } else if (pathTemplate.equals("/api/articles")) {
            articleIds.add(answer.path("id").asText());
        }
    }

    private void awaitReplay(String id) {
        for (int i = 0; i < 600; i++) {
            if (!http.get("/api/admin/replay/" + id).json().path("status").asText().equals("RUNNING")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A value the schema allows, with plausible content for the field it fills. */
    private JsonNode generate(JsonNode schema, String field) {
        if (schema.has("$ref")) {
            return generate(resolve(schema), field);
        }
        if (schema.has("enum")) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size()));
        }
        switch (schema.path("type").asText("object")) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new TreeSet<>();
                schema.path("required").forEach(name -> required.add(name.asText()));
                schema.path("properties").fields().forEachRemaining(property -> {
                    if (required.contains(property.getKey()) || random.nextInt(3) == 0) {
                        object.set(property.getKey(), generate(property.getValue(), property.getKey()));
                    }
                });
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(3);
                for (int i = 0; i < size; i++) {
                    array.add(generate(schema.path("items"), field));
                }
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(random.nextInt(100));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                return NODES.textNode(text(field, schema));
            }
        }
    }

    private String text(String field, JsonNode schema) {
        String text = switch (field == null ? "" : field) {
            case "id" -> "fuzz-" + SEED + "-" + (++counter);
            case "articleId" -> random.nextInt(5) == 0 ? "no-such-article" : "iwpr-kyrgyzstan-firefight";
            case "byClaim", "claim" -> pick(claimIds);
            case "entity" -> pick(entityIds);
            case "attributedTo", "subjects", "retractedBy", "name", "aliases", "alias", "reviewer", "outlet" ->
                    random.nextInt(4) == 0 ? "Fuzz name " + random.nextInt(1000) : pick(List.of(NAMES));
            case "publishedAt", "assertedAt", "at" -> List.of("2015-07-17", "2015-07-20", "2015-07-25T12:00:00Z",
                    "2016-01-01", "2015-07-19T08:30:00+06:00").get(random.nextInt(5));
            case "from", "to" -> random.nextBoolean() ? "2015-07-01" : "2015-07-10";
            case "url" -> "https://fuzz.example/" + (++counter);
            case "quote" -> random.nextBoolean() ? "Amirov" : pick(List.of(TEXTS));
            case "language" -> "en";
            default -> pick(List.of(TEXTS)) + " " + (++counter);
        };
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        return text.length() > max ? text.substring(0, max) : text;
    }

    /** The valid value broken in one way (some ways need a header rather than a body). */
    private String broken(JsonNode value, JsonNode schema, int how, Map<String, String> headers) {
        ObjectNode object = value.isObject() ? (ObjectNode) value.deepCopy() : NODES.objectNode();
        JsonNode resolved = schema.has("$ref") ? resolve(schema) : schema;
        List<String> properties = new ArrayList<>();
        resolved.path("properties").fieldNames().forEachRemaining(properties::add);
        String property = properties.isEmpty() ? "field" : pick(properties);
        switch (how) {
            case 0 -> {
                List<String> required = new ArrayList<>();
                resolved.path("required").forEach(name -> required.add(name.asText()));
                object.remove(required.isEmpty() ? property : pick(required));
                if (required.isEmpty()) {
                    return "{\"" + property + "\": {\"deep\": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}}";
                }
            }
            case 1 -> object.set(property, random.nextBoolean() ? NODES.numberNode(42) : NODES.objectNode().put("x", 1));
            case 2 -> object.put("unknownField" + random.nextInt(10), "surprise");
            case 3 -> object.put(property, "x".repeat(5000));
            case 4 -> object.put(property.equals("id") ? "at" : property, List.of("2015-13-45", "yesterday", "9999-01-01",
                    "2015-07-17T25:00:00Z", "").get(random.nextInt(5)));
            case 5 -> {
                return List.of("{", "{\"a\": }", "[1, 2", "not json", "{\"a\": 1, \"a\": 2}", "\u0000").get(random.nextInt(6));
            }
            case 6 -> {
                return List.of("[]", "\"text\"", "42", "null", "true").get(random.nextInt(5));
            }
            case 7 -> object.put("id", "bad id with spaces");
            default -> headers.put("If-Match", List.of("\"999\"", "\"abc\"", "W/\"-1\"", "\"0\"").get(random.nextInt(4)));
        }
        return object.toString();
    }

    /** The response conforms to the schema: types, enums, required properties; absent or null optional ones pass. */
    private void conforms(JsonNode value, JsonNode schema, String where, String request) {
        if (schema.has("$ref")) {
            conforms(value, resolve(schema), where, request);
            return;
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                assertThat(value.isObject()).as(where + " is an object: " + request).isTrue();
                schema.path("required").forEach(name -> assertThat(value.has(name.asText()))
                        .as(where + "." + name.asText() + " present: " + request).isTrue());
                schema.path("properties").fields().forEachRemaining(property -> conforms(value.get(property.getKey()),
                        property.getValue(), where + "." + property.getKey(), request));
            }
            case "array" -> {
                assertThat(value.isArray()).as(where + " is an array: " + request).isTrue();
                value.forEach(item -> conforms(item, schema.path("items"), where + "[]", request));
            }
            case "string" -> {
                assertThat(value.isTextual()).as(where + " is a string: " + request).isTrue();
                if (schema.has("enum")) {
                    List<String> allowed = new ArrayList<>();
                    schema.path("enum").forEach(option -> allowed.add(option.asText()));
                    assertThat(allowed).as(where + ": " + request).contains(value.asText());
                }
            }
            case "integer" -> assertThat(value.isIntegralNumber()).as(where + " is an integer: " + request).isTrue();
            case "number" -> assertThat(value.isNumber()).as(where + " is a number: " + request).isTrue();
            case "boolean" -> assertThat(value.isBoolean()).as(where + " is a boolean: " + request).isTrue();
            default -> {
                // No type: any value.
            }
        }
    }

    private JsonNode resolve(JsonNode reference) {
        String name = reference.path("$ref").asText().substring("#/components/schemas/".length());
        return ref(name);
    }

    private JsonNode ref(String name) {
        JsonNode schema = api.path("components").path("schemas").path(name);
        assertThat(schema.isMissingNode()).as("schema " + name).isFalse();
        return schema;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
