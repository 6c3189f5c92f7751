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
        // The JDK's server writes an answer's head and body apart; with Nagle's algorithm on, the body then waits for the
        // client's delayed acknowledgement (some 40 ms an answer). Read once, when the JVM's first such server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
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

    @Test
    void aWarmUpEndsOnlyOnceFiveSlicesTogetherAreNoFasterThanTheFiveBeforeThem() {
        // given: a JIT-cold node's slices, its rate rising 2% a second — no slice 5% faster than the fastest before it
        Load.Settling settling = new Load.Settling();
        double rate = 1_000;
        for (int slice = 1; slice <= 30; slice++, rate *= 1.02) {
            // then: a window of five is some 10% faster than the five before, and the warm-up goes on
            assertThat(settling.settledAfter(rate)).as("rising, slice %d", slice).isFalse();
        }
        // when: the rate stays where it got to, within 2% either way
        double[] steady = {rate, rate * 0.98, rate * 1.02, rate * 0.99, rate * 1.01, rate, rate * 1.02, rate * 0.98,
                rate * 1.01, rate};
        int slices = 0;
        while (slices < steady.length && !settling.settledAfter(steady[slices])) {
            slices++;
        }
        // then: the warm-up ends within two windows of the steady rate (once the rise left in the earlier window is
        // under 3%)
        assertThat(slices).as("steady slices before the end").isBetween(1, steady.length - 1);
    }

    @Test
    void theWarmUpGoesOnWhileTheRateRisesAndTheMeasuredRequestsComeAfterIt() throws IOException {
        // given: a server whose answers come sooner with each of its first 600 requests, then at once
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        URI base = serve(exchange -> {
            int n = served.getAndIncrement();
            sleep(Math.max(0, 12 - n / 50));
            return 200;
        });
        Load load = new Load(List.of(base), 2);

        // when: no fixed warm-up, then slices while the rate rises (for at most 20 s)
        Load.Stats stats = load.run(new Load.Warmup(0, java.time.Duration.ofSeconds(20)), 300,
                i -> load.get("/?n=" + i), 200);

        // then: it warmed up in slices (the first of 200), and measured its 300 after them
        assertThat(stats.warmupRequests()).isGreaterThan(200);
        assertThat(stats.requests()).isEqualTo(300);
        assertThat(served.get()).isEqualTo(stats.warmupRequests() + 300);
        assertThat(stats.warmupSeconds()).isPositive();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWarmUpOfNoSecondsIsItsRequestsAloneAndAWarmUpStopsAtItsLimit() throws IOException {
        // given: a server whose answers come sooner with every request, over its first 2,000 (the rate always rising)
        java.util.concurrent.atomic.AtomicInteger served = new java.util.concurrent.atomic.AtomicInteger();
        URI base = serve(exchange -> {
            sleep(Math.max(0, 10 - served.getAndIncrement() / 200));
            return 200;
        });
        Load load = new Load(List.of(base), 2);

        // a warm-up with no seconds: its requests, as before
        Load.Stats fixed = load.run(new Load.Warmup(30, java.time.Duration.ZERO), 10, i -> load.get("/?n=" + i), 200);
        assertThat(fixed.warmupRequests()).isEqualTo(30);
        assertThat(served.get()).isEqualTo(40);

        // a warm-up whose limit passes while the rate still rises: one slice (2 clients, 200 requests), then it stops
        Load.Stats capped = load.run(new Load.Warmup(0, java.time.Duration.ofMillis(100)), 10, i -> load.get("/?n=" + i),
                200);
        assertThat(capped.warmupRequests()).isEqualTo(200);
        assertThat(served.get()).isEqualTo(40 + 200 + 10);
    }
}
