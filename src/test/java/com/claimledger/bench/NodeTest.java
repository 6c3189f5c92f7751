package com.claimledger.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness measures a checkpoint's ceiling and reads only on nodes whose health answers UP: right after an ingest
 * the projections may still be catching up, health then answers 503, and the ceiling's load stops at the first
 * unexpected answer (a PostgreSQL run did, before {@code Node.awaitUp} came before the ceiling). No ledger of the smoke
 * tests is large enough to lag, so a node that is not ready yet is played here by a server.
 */
class NodeTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void awaitUpReturnsOnlyOnceHealthAnswersUpNotWhileTheProjectionsCatchUp() throws IOException {
        // given: a node whose health answers 503 OUT_OF_SERVICE (projections lagging) five times, then 200 UP
        AtomicInteger asked = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> {
            boolean ready = asked.incrementAndGet() > 5;
            byte[] body = ("{\"status\":\"" + (ready ? "UP" : "OUT_OF_SERVICE") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();

        // when
        Node.awaitUp(URI.create("http://localhost:" + server.getAddress().getPort() + "/"));

        // then: it asked until the node was UP, and no further
        assertThat(asked).hasValue(6);
    }
}
