package com.claimledger.web;

import com.claimledger.support.ApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Tomcat refuses before the application sees them, and paths nothing answers, are problem+json like every
 * other error. Sent over a raw socket: an HTTP client library would refuse to build some of these URLs at all.
 */
class MalformedUrlTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/claims/%ZZ", "/api/claims/a%2Fb", "/api/claims/a%5Cb",
            "/api/claims?topic=amirov-fate&q=%ZZ",
            "/api/%", "/api/claims/a%00b"})
    void refusedByTheContainerAsAProblem(String target) throws IOException {
        Raw response = get(target);
        assertThat(response.status()).as(target).isEqualTo(400);
        JsonNode problem = assertProblem(target, response, 400);
        assertThat(problem.get("detail").asText()).as(target).contains("malformed");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/nothing-here", "/nothing", "/api/claims/x/y/z", "/favicon.ico", "/index.html"})
    void unknownPathsAreAPlainNotFound(String target) throws IOException {
        Raw response = get(target);
        assertThat(response.status()).as(target).isEqualTo(404);
        JsonNode problem = assertProblem(target, response, 404);
        assertThat(problem.get("detail").asText()).as(target).contains("no such path")
                .doesNotContainIgnoringCase("static resource");
    }

    private static JsonNode assertProblem(String target, Raw response, int status) throws IOException {
        assertThat(response.header("content-type")).as(target).startsWith("application/problem+json");
        assertThat(response.body()).as(target).doesNotContain("<html", "<!doctype", "Tomcat", "Exception", "at org.");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    record Raw(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return "";
        }
    }

    /** Writes the request line exactly as given and reads the whole answer (the connection is closed after it). */
    private Raw get(String target) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            return new Raw(status, head, body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int end = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, end).strip(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, end + 2, end + 2 + size);
            at = end + 2 + size + 2;
        }
        return body.toString();
    }
}
