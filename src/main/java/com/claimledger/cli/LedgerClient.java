package com.claimledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/** The REST API as the command line uses it: answers, problems and an unreachable server told apart. */
final class LedgerClient {

    /** The ledger answered with a problem (4xx/5xx); {@code detail} is its problem's detail when it sent one. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String detail) {
            super(detail);
            this.status = status;
        }
    }

    static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    LedgerClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    URI base() {
        return base;
    }

    JsonNode post(String path, byte[] body) throws Refused, Unreachable {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
        requireSuccess(response.statusCode(), response.body());
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new Refused(response.statusCode(), "the answer is not JSON");
        }
    }

    /** The answer's body as a stream, for exports too large to hold. */
    InputStream get(String path) throws Refused, Unreachable {
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofHours(2)).GET(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            try (InputStream body = response.body()) {
                requireSuccess(response.statusCode(), body.readAllBytes());
            } catch (IOException e) {
                throw new Refused(response.statusCode(), "");
            }
        }
        return response.body();
    }

    JsonNode getJson(String path) throws Refused, Unreachable {
        try (InputStream body = get(path)) {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new Unreachable("reading " + path + " failed: " + e.getMessage(), e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) throws Unreachable {
        try {
            return http.send(request.build(), handler);
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw new Unreachable("cannot reach " + base + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()), e);
        } catch (IOException e) {
            throw new Unreachable("the connection to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new Unreachable("cannot reach " + base + ": " + e.getMessage(), e);
        }
    }

    private static void requireSuccess(int status, byte[] body) throws Refused {
        if (status / 100 == 2) {
            return;
        }
        String detail = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem != null && problem.hasNonNull("detail")) {
                detail = problem.get("detail").asText();
                if (problem.has("errors")) {
                    detail += " " + problem.get("errors");
                }
            }
        } catch (IOException e) {
            // Not a problem document: its text is the best detail there is.
        }
        throw new Refused(status, detail);
    }
}
