package com.claimledger.web;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.claimledger.support.Http.Response;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Malformed JSON, missing, empty and unknown fields, unknown ids and wrong types: each is a problem+json 4xx that
 * names what is wrong, and records nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestTest extends ApiTest {

    record Bad(String name, String method, String path, String body, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String CLAIM = "{\"articleId\":\"bad-a\",\"statement\":\"s\",\"attributedTo\":\"Bad Source\"";

    static Stream<Bad> requests() {
        return Stream.of(
                new Bad("malformed JSON", "POST", "/api/claims", "{\"articleId\":", 400, "body"),
                new Bad("empty body", "POST", "/api/claims", "", 400, "body"),
                new Bad("missing statement", "POST", "/api/claims", "{\"articleId\":\"bad-a\",\"attributedTo\":\"X\"}", 400, "statement"),
                new Bad("empty statement", "POST", "/api/claims", "{\"articleId\":\"bad-a\",\"statement\":\" \",\"attributedTo\":\"X\"}", 400, "statement"),
                new Bad("missing attributedTo", "POST", "/api/claims", "{\"articleId\":\"bad-a\",\"statement\":\"s\"}", 400, "attributedTo"),
                new Bad("unknown field", "POST", "/api/claims", CLAIM + ",\"colour\":\"red\"}", 400, "colour"),
                new Bad("subjects not an array", "POST", "/api/claims", CLAIM + ",\"subjects\":\"X\"}", 400, "subjects"),
                new Bad("statement not a string", "POST", "/api/claims", "{\"articleId\":\"bad-a\",\"statement\":[\"s\"],\"attributedTo\":\"X\"}", 400, "statement"),
                new Bad("unknown article", "POST", "/api/claims", "{\"articleId\":\"no-such-article\",\"statement\":\"s\",\"attributedTo\":\"X\"}", 404, "articleId"),
                new Bad("bad id", "POST", "/api/claims", CLAIM + ",\"id\":\"-bad id\"}", 400, "id"),
                new Bad("bad assertedAt", "POST", "/api/claims", CLAIM + ",\"assertedAt\":\"yesterday\"}", 400, "assertedAt"),
                new Bad("bad eventTime date", "POST", "/api/claims", CLAIM + ",\"eventTime\":{\"from\":\"2015-13-01\"}}", 400, "eventTime.from"),
                new Bad("eventTime reversed", "POST", "/api/claims", CLAIM + ",\"eventTime\":{\"from\":\"2015-07-02\",\"to\":\"2015-07-01\"}}", 400, "eventTime.to"),
                new Bad("unknown eventTime field", "POST", "/api/claims", CLAIM + ",\"eventTime\":{\"start\":\"2015-07-02\"}}", 400, "eventTime.start"),
                new Bad("entity kind unknown", "POST", "/api/entities", "{\"name\":\"N\",\"kind\":\"ROBOT\"}", 400, "kind"),
                new Bad("entity name missing", "POST", "/api/entities", "{\"kind\":\"PERSON\"}", 400, "name"),
                new Bad("entity alias empty", "POST", "/api/entities", "{\"name\":\"N2\",\"kind\":\"PERSON\",\"aliases\":[\"\"]}", 400, "aliases[0]"),
                new Bad("alias missing", "POST", "/api/entities/bad-e/aliases", "{}", 400, "alias"),
                new Bad("alias on unknown entity", "POST", "/api/entities/no-such-entity/aliases", "{\"alias\":\"x\"}", 404, null),
                new Bad("article bad url", "POST", "/api/articles", "{\"url\":\"not a url\",\"title\":\"t\",\"outlet\":\"o\",\"publishedAt\":\"2015-07-01\"}", 400, "url"),
                new Bad("article bad date", "POST", "/api/articles", "{\"url\":\"https://x.example\",\"title\":\"t\",\"outlet\":\"o\",\"publishedAt\":\"July\"}", 400, "publishedAt"),
                new Bad("article title missing", "POST", "/api/articles", "{\"url\":\"https://x.example\",\"outlet\":\"o\",\"publishedAt\":\"2015-07-01\"}", 400, "title"),
                new Bad("dispute of unknown claim", "POST", "/api/claims/no-such-claim/disputes", "{\"byClaim\":\"bad-1\"}", 404, null),
                new Bad("dispute by unknown claim", "POST", "/api/claims/bad-1/disputes", "{\"byClaim\":\"no-such-claim\"}", 404, "byClaim"),
                new Bad("dispute without byClaim", "POST", "/api/claims/bad-1/disputes", "{\"reason\":\"r\"}", 400, "byClaim"),
                new Bad("dispute bad at", "POST", "/api/claims/bad-1/disputes", "{\"byClaim\":\"bad-2\",\"at\":\"soon\"}", 400, "at"),
                new Bad("dispute dated before the claims", "POST", "/api/claims/bad-1/disputes", "{\"byClaim\":\"bad-2\",\"at\":\"2015-06-01\"}", 400, "at"),
                new Bad("retraction dated in the future", "POST", "/api/claims/bad-1/retraction", "{\"reason\":\"r\",\"at\":\"2999-01-01\"}", 400, "at"),
                new Bad("withdrawal without reason", "POST", "/api/claims/bad-1/disputes/bad-2/withdrawal", "{}", 400, "reason"),
                new Bad("amendment without reason", "POST", "/api/claims/bad-1/amendments", "{\"statement\":\"s\"}", 400, "reason"),
                new Bad("retraction without reason", "POST", "/api/claims/bad-1/retraction", "{\"reason\":\"\"}", 400, "reason"),
                new Bad("review rating unknown", "POST", "/api/claims/bad-1/reviews", "{\"rating\":\"GREAT\",\"explanation\":\"e\"}", 400, "rating"),
                new Bad("review rating a number", "POST", "/api/claims/bad-1/reviews", "{\"rating\":1,\"explanation\":\"e\"}", 400, "rating"),
                new Bad("import with a bad claim", "POST", "/api/import", "{\"claims\":[{\"articleId\":\"bad-a\",\"attributedTo\":\"X\"}]}", 400, "claims[0].statement"),
                new Bad("import whose second claim names no article", "POST", "/api/import", "{\"claims\":[{\"id\":\"imp-ok\",\"articleId\":\"bad-a\",\"statement\":\"s\",\"attributedTo\":\"Imp Source\"},{\"articleId\":\"no-such-article\",\"statement\":\"s\",\"attributedTo\":\"X\"}]}", 404, "articleId"),
                new Bad("import relation type unknown", "POST", "/api/import", "{\"relations\":[{\"type\":\"LIKES\",\"claim\":\"bad-1\",\"byClaim\":\"bad-2\"}]}", 400, "relations[0].type"),
                new Bad("duplicate key", "POST", "/api/claims", CLAIM + ",\"statement\":\"again\"}", 400, "statement"),
                new Bad("control character", "POST", "/api/claims", "{\"articleId\":\"bad-a\",\"statement\":\"a\\u0000b\",\"attributedTo\":\"X\"}", 400, "statement"),
                new Bad("control character in a name", "POST", "/api/entities", "{\"name\":\"A\\u0007B\",\"kind\":\"PERSON\"}", 400, "name"),
                new Bad("nested arrays where text belongs", "POST", "/api/import", "{\"note\":" + "[".repeat(40) + "]".repeat(40) + "}", 400, "note"),
                new Bad("assertedAt in the future", "POST", "/api/claims", CLAIM + ",\"assertedAt\":\"2999-01-01\"}", 400, "assertedAt"),
                new Bad("publishedAt in the future", "POST", "/api/articles", "{\"url\":\"https://x.example\",\"title\":\"t\",\"outlet\":\"o\",\"publishedAt\":\"2999-01-01T00:00:00Z\"}", 400, "publishedAt"),
                new Bad("body over 1 MiB", "POST", "/api/import", "{\"note\":\"" + "x".repeat(1_100_000) + "\"}", 413, null),
                new Bad("unknown field on an amendment", "POST", "/api/claims/bad-1/amendments", "{\"statement\":\"s\",\"reason\":\"r\",\"ifMatch\":1}", 400, "ifMatch"),
                new Bad("limit too large", "GET", "/api/claims?limit=501", null, 400, "limit"),
                new Bad("limit not a number", "GET", "/api/claims?limit=many", null, 400, "limit"),
                new Bad("status unknown", "GET", "/api/claims?status=MAYBE", null, 400, "status"),
                new Bad("axis unknown", "GET", "/api/views/current?axis=sideways", null, 400, "axis"),
                new Bad("asOf not a time", "GET", "/api/views/disputed?asOf=last%20week", null, 400, "asOf"),
                new Bad("cursor forged", "GET", "/api/views/current?cursor=AAAA", null, 400, "cursor"),
                new Bad("unknown claim", "GET", "/api/claims/no-such-claim", null, 404, null),
                new Bad("unknown entity", "GET", "/api/entities/no-such-entity", null, 404, null),
                new Bad("unknown article", "GET", "/api/articles/no-such-article", null, 404, null),
                new Bad("unknown path", "GET", "/api/nothing-here", null, 404, null),
                new Bad("unknown path, no static resource either", "GET", "/api/claims/a/b/c", null, 404, null),
                new Bad("wrong method", "DELETE", "/api/claims/bad-1", null, 405, null),
                new Bad("wrong media type", "PUT", "/api/claims", "{}", 405, null));
    }

    @Autowired
    private MappingJackson2HttpMessageConverter api;

    @Autowired
    private ObjectMapper ledgerFormat;

    @Test
    void jsonNestedPastTheLimitIsRefusedByTheApisParser() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        ObjectMapper input = api.getObjectMapper();
        assertThatThrownBy(() -> input.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        assertThatCode(() -> input.readTree("{\"a\":".repeat(10) + "1" + "}".repeat(10))).doesNotThrowAnyException();
        // The application's mapper, which Axon's event serializer is built from, reads stored events without it.
        assertThatCode(() -> ledgerFormat.readTree(deep)).doesNotThrowAnyException();
    }

    @Test
    void duplicateKeysAreRefusedByTheApisParserOnly() {
        String twice = "{\"a\":1,\"a\":2}";
        assertThatThrownBy(() -> api.getObjectMapper().readTree(twice)).hasMessageContaining("Duplicate field 'a'");
        assertThatCode(() -> ledgerFormat.readTree(twice)).doesNotThrowAnyException();
    }

    @BeforeAll
    void claims() {
        client();
        http.post("/api/articles", Map.of("id", "bad-a", "url", "https://bad.example/a", "title", "t", "outlet", "Bad",
                "publishedAt", "2015-07-01"));
        http.post("/api/entities", Map.of("id", "bad-e", "name", "Bad Entity", "kind", "PERSON"));
        for (String id : List.of("bad-1", "bad-2")) {
            http.post("/api/claims", Map.of("id", id, "articleId", "bad-a", "statement", "s " + id, "attributedTo", "Bad Source"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void refusedWithAProblemAndNothingRecorded(Bad bad) {
        long before = http.ledgerSize();
        Response response = http.send(bad.method(), bad.path(), bad.body(), Http.EDITOR);
        assertThat(response.status()).as(bad.name()).isEqualTo(bad.status());
        assertThat(response.contentType()).as(bad.name()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(bad.status());
        assertThat(response.json().get("title").asText()).isNotBlank();
        assertThat(response.json().get("type").asText()).isNotBlank();
        assertThat(response.json().get("detail").asText()).isNotBlank();
        assertThat(response.raw().body()).doesNotContain("Exception", "com.claimledger", "at org.", "trace");
        if (bad.field() != null) {
            assertThat(response.json().get("errors").toString()).as(bad.name()).contains("\"field\":\"" + bad.field() + "\"");
            assertThat(response.json().get("detail").asText()).contains(bad.field());
        }
        assertThat(http.ledgerSize()).as(bad.name() + " records nothing").isEqualTo(before);
    }
}
