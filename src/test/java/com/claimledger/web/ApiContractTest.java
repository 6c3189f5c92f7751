package com.claimledger.web;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description the ledger serves is the one committed as docs/openapi.json (clients are generated from
 * the committed copy), and it is valid OpenAPI 3 by a parser other than the one that wrote it. After a change to the
 * API, regenerate the copy: {@code mvn test -Dtest=ApiContractTest -Dopenapi.update=true}.
 */
class ApiContractTest extends ApiTest {

    static final Path COMMITTED = Path.of("docs/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theServedDescriptionIsTheCommittedOne() throws IOException {
        Response served = http.get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        String normalised = normalise(served.json());
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(COMMITTED, normalised, StandardCharsets.UTF_8);
        }
        assertThat(normalise(JSON.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8))))
                .as("docs/openapi.json differs from /v3/api-docs; regenerate it with -Dopenapi.update=true")
                .isEqualTo(normalised);
    }

    @Test
    void theDescriptionIsValidOpenApi3() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(http.get("/v3/api-docs").raw().body(), null, options);
        assertThat(result.getMessages()).as("swagger-parser's findings").isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
        assertThat(result.getOpenAPI().getPaths().keySet()).contains("/api/claims/{id}/claimreview",
                "/api/export/claimreview", "/api/export/prov", "/api/export/dossier", "/api/import", "/api/claims",
                "/api/views/current", "/api/ledger/head");
        result.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            assertThat(operation.getSummary()).as(method + " " + path + " summary").isNotBlank();
            assertThat(operation.getResponses()).as(method + " " + path).containsKey("400");
            assertThat(operation.getResponses().get("400").getContent()).as(method + " " + path).containsKey("application/problem+json");
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(parameter -> assertThat(parameter.getDescription())
                        .as(method + " " + path + " parameter " + parameter.getName()).isNotBlank());
            }
            if (operation.getRequestBody() != null) {
                assertThat(operation.getRequestBody().getContent().get("application/json").getExamples())
                        .as(method + " " + path + " example").isNotEmpty();
            }
        }));
    }

    @Test
    void swaggerUiIsPublic() {
        assertThat(http.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(http.get("/v3/api-docs").status()).isEqualTo(200);
    }

    /** Keys sorted, two-space indents, a final newline: equal documents compare equal as text. */
    static String normalise(JsonNode document) throws IOException {
        return JSON.writeValueAsString(JSON.treeToValue(document, Object.class)) + "\n";
    }
}
