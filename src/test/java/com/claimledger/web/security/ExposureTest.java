package com.claimledger.web.security;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.claimledger.support.Http.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Least exposure: what a reader, an editor and an admin may reach, and what no one sees. */
class ExposureTest extends ApiTest {

    @Test
    void rolesPerEndpointClass() {
        Map<String, Object> article = Map.of("url", "https://roles.example/a", "title", "t", "outlet", "o", "publishedAt", "2020-01-01");
        assertThat(http.get("/api/views/current").status()).as("reader reads").isEqualTo(200);
        assertThat(http.post("/api/articles", article, null).status()).as("reader writes").isEqualTo(401);
        assertThat(http.post("/api/articles", article, Http.EDITOR).status()).as("editor writes").isEqualTo(201);
        assertThat(http.post("/api/admin/replay", Map.of(), Http.EDITOR).status()).as("editor administers").isEqualTo(403);
        assertThat(http.send("GET", "/actuator/metrics", null, null).status()).isEqualTo(401);
        assertThat(http.send("GET", "/actuator/metrics", null, Http.EDITOR).status()).isEqualTo(403);
        assertThat(http.send("GET", "/actuator/metrics", null, Http.ADMIN).status()).isEqualTo(200);
        assertThat(http.send("GET", "/actuator/info", null, Http.ADMIN).status()).isEqualTo(200);
        // The finder's proposals are an editor's tool (they read the ledger's names for a text); suggestions are reads.
        Map<String, Object> text = Map.of("text", "The minister said the bridge was closed.");
        assertThat(http.post("/api/articles/iwpr-kyrgyzstan-firefight/proposals", text, null).status()).as("reader proposes").isEqualTo(401);
        assertThat(http.post("/api/articles/iwpr-kyrgyzstan-firefight/proposals", text, Http.EDITOR).status()).as("editor proposes").isEqualTo(200);
        assertThat(http.get("/api/entities/merge-suggestions").status()).as("reader reads merge suggestions").isEqualTo(200);
        assertThat(http.get("/api/entities/gknb/alias-suggestions").status()).as("reader reads alias suggestions").isEqualTo(200);
    }

    @Test
    void healthIsPublicAndTerse() {
        Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        // Terse: the status and the names of the probe groups (SPEC's /actuator/health/readiness), no component or detail.
        assertThat(health.json().toString()).isEqualTo("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}");
        Response readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().toString()).isEqualTo("{\"status\":\"UP\"}");
    }

    /**
     * The explorer's page at {@code /} (it used to answer a 404 problem there) and its static files are public, the
     * page with a content security policy that lets only its own files run; {@code /index.html} stays unknown.
     */
    @Test
    void theExplorerPageAndItsFilesArePublic() {
        Response page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.raw().body()).contains("<title>Claim Ledger", "/explorer/js/main.js");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "object-src 'none'", "frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(http.get("/?asOf=2015-07-21&axis=published").status()).isEqualTo(200);
        for (String file : List.of("/explorer/js/main.js", "/explorer/js/api.js", "/explorer/js/dom.js",
                "/explorer/js/editor.js", "/explorer/js/finder.js", "/explorer/js/live.js", "/explorer/explorer.css", "/explorer/icon.svg")) {
            Response response = http.get(file);
            assertThat(response.status()).as(file).isEqualTo(200);
            if (file.endsWith(".js")) {
                // Module scripts are refused by the browser unless served as JavaScript (nosniff is on).
                assertThat(response.contentType()).as(file).startsWith("text/javascript");
            }
        }
        assertThat(http.get("/index.html").status()).isEqualTo(404);
        assertThat(http.get("/explorer/nothing.js").status()).isEqualTo(404);
    }

    /** The exports, the API description and the PROV vocabulary are public reads; nothing there takes a write. */
    @Test
    void exportsAndTheApiDescriptionArePublicReads() {
        for (String path : List.of("/api/export/prov", "/api/export/prov?format=jsonld", "/api/export/claimreview",
                "/api/export/dossier", "/api/claims/iwpr-ky-14-gknb-amirov-shot-in-raid/claimreview",
                "/api/claims/iwpr-ky-14-gknb-amirov-shot-in-raid/claim-reviews", "/v3/api-docs", "/swagger-ui/index.html",
                "/ns/claimledger.ttl")) {
            assertThat(http.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(http.get("/ns/claimledger.ttl").contentType()).startsWith("text/turtle");
        assertThat(http.get("/swagger-ui.html").status()).as("redirects to the UI").isIn(200, 302);
        assertThat(http.post("/api/export/dossier", Map.of(), null).status()).isEqualTo(401);
        assertThat(http.post("/api/export/dossier", Map.of(), Http.EDITOR).status()).isEqualTo(405);
    }

    @Test
    void nothingElseIsExposed() {
        for (String path : List.of("/h2-console", "/h2-console/login.jsp", "/actuator/env", "/actuator/beans",
                "/actuator/heapdump", "/actuator/configprops", "/error")) {
            Response response = http.send("GET", path, null, Http.ADMIN);
            assertThat(response.status()).as(path).isIn(404, 403);
            assertThat(response.raw().body()).as(path).doesNotContain("Exception", "com.claimledger", "org.springframework");
        }
    }

    @Test
    void responsesCarrySecurityHeadersAndCorsIsClosed() throws Exception {
        Response response = http.get("/api/views/current?limit=1");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Cache-Control")).contains("no-store");
        HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(response.raw().uri().resolve("/api/claims").toString()))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theGeneratedTokenFileIsOwnerOnlyAndReusedAfterARestart(@TempDir Path dataDir) throws Exception {
        new TokenRegistry(List.of(), List.of(), dataDir);
        Path file = dataDir.resolve(TokenRegistry.TOKEN_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String token = Files.readString(file).strip();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        TokenRegistry again = new TokenRegistry(List.of(), List.of(), dataDir);
        assertThat(again.authenticate(token)).isPresent();
        assertThat(again.authenticate(token + "x")).isEmpty();
        assertThat(again.authenticate(token).get().roles()).contains(TokenRegistry.EDITOR, TokenRegistry.ADMIN);
    }
}
