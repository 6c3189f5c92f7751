package com.claimledger.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The harness's measured load is its instrument: it must send what the figure names (method, headers, body), keep one
 * connection a client (a connection opened per request would be measured as the server's time), count a late write
 * and stop at any other unexpected answer.
 */
class LoadTest {

    private final ExecutorService serverThreads = Executors.newFixedThreadPool(8);
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        serverThreads.shutdownNow();
    }

    private URI serve(Function<HttpExchange, Integer> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = ("{\"echo\":" + body.length + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.apply(exchange), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/");
    }

    @Test
    void everyRequestArrivesAsBuiltOverOneKeptConnectionAClient() throws IOException {
        // given: a server that remembers what it was sent and from which connection
        Map<String, String> seen = new ConcurrentHashMap<>();
        Set<Integer> connections = ConcurrentHashMap.newKeySet();
        URI base = serve(exchange -> {
            connections.add(exchange.getRemoteAddress().getPort());
            String query = exchange.getRequestURI().getQuery();
            seen.put(query, exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                    + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            return 201;
        });
        Load load = new Load(List.of(base), 4);

        // when: 20 warm-up and 200 measured writes from 4 clients
        Load.Stats stats = load.run(20, 200, i -> load.get("/api/claims?n=" + i)
                .header("Authorization", "Bearer e3").header("Content-Type", "application/json")
                .post("{\"claim\":" + i + "}"), 201);

        // then: each of the 220 arrived once, as built; the 4 clients kept a connection each through the warm-up and
        // another through the measured part
        assertThat(stats.requests()).isEqualTo(200);
        assertThat(stats.late()).isZero();
        assertThat(stats.p99Ms()).isGreaterThanOrEqualTo(stats.p50Ms()).isPositive();
        assertThat(seen).hasSize(220);
        assertThat(seen.get("n=219")).isEqualTo("POST Bearer e3 application/json");
        assertThat(connections).hasSize(8);
    }

    @Test
    void aWriteStoredButNotYetShownCountsAsLateAndAnyOtherAnswerStopsTheRun() throws IOException {
        URI base = serve(exchange -> exchange.getRequestURI().getQuery().equals("n=7") ? 500
                : exchange.getRequestMethod().equals("POST") ? 202 : 200);
        Load load = new Load(List.of(base), 2);

        // a 202 to a write: stored, the views behind — done, and counted
        Load.Stats writes = load.run(0, 5, i -> load.get("/w?n=" + (100 + i)).post("{}"), 201);
        assertThat(writes.late()).isEqualTo(5);

        // any other answer than the expected one ends the figure, saying which request it was
        assertThatThrownBy(() -> load.run(0, 20, i -> load.get("/r?n=" + i), 200))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET " + base.resolve("/r?n=7") + " answered 500 (expected 200)");
    }
}
