package com.claimledger.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real HTTP client for the ledger's REST API, as a script or the web UI would use it. */
public final class Http {

    public static final String EDITOR = "editor-secret";
    public static final String ADMIN = "admin-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://localhost:" + port;
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), null);
    }

    public Response post(String path, Object body) {
        return post(path, body, EDITOR, Map.of());
    }

    public Response post(String path, Object body, String token) {
        return post(path, body, token, Map.of());
    }

    public Response post(String path, Object body, String token, Map<String, String> headers) {
        String text = body instanceof String s ? s : write(body);
        var builder = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text));
        headers.forEach(builder::header);
        return send(builder, token);
    }

    public Response send(String method, String path, String body, String token) {
        return send(method, path, body, token, Map.of());
    }

    public Response send(String method, String path, String body, String token, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder, token);
    }

    /** The whole ledger, page by page, oldest first. */
    public List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        JsonNode page = get("/api/events?limit=500").json();
        page.get("events").forEach(events::add);
        while (!page.get("next").isNull()) {
            page = get("/api/events?limit=500&after=" + page.get("next").asLong()).json();
            page.get("events").forEach(events::add);
        }
        return events;
    }

    /** The number of ledger entries: what a write added, or proof that a refused write added nothing. */
    public long ledgerSize() {
        return events().size();
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Response send(HttpRequest.Builder builder, String token) {
        // No test waits for an answer without a deadline.
        builder.timeout(TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? MissingNode.getInstance() : json(response);
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON; a body that is not JSON by its type (the explorer's page and files) has none. */
    private static JsonNode json(HttpResponse<String> response) throws IOException {
        boolean declaredJson = response.headers().firstValue("Content-Type").map(type -> type.contains("json")).orElse(true);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            if (declaredJson) {
                throw e;
            }
            return MissingNode.getInstance();
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
