package com.claimledger.ledger;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.claimledger.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/stream} on an application of its own (a short heartbeat, and a context this test closes): the status
 * and headers arrive before any entry exists, a heartbeat comment keeps an idle stream talking, and an open
 * subscriber does not hold up the shutdown.
 */
class LedgerStreamTest {

    private static final String END = "<end of stream>";

    @Test
    void headersAtOnceHeartbeatsWhileIdleAndNoHoldOnShutdown(@TempDir Path dataDir) throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ClaimLedgerApplication.class).run(
                TestDatabase.args("--ledger.data-dir=" + dataDir, "--server.port=0", "--ledger.seed.enabled=false",
                "--ledger.security.editors=editor:" + Http.EDITOR, "--ledger.security.admins=admin:" + Http.ADMIN,
                "--ledger.stream.heartbeat=300ms"));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/stream"))
                    .header("Accept", "text/event-stream").build();
            // Nothing is appended: the response (status and headers) must come anyway, and quickly.
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(5, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (!line.isEmpty()) {
                            lines.add(line);
                        }
                    }
                } catch (Exception e) {
                    // the connection was closed under the reader: the stream ended
                }
                lines.add(END);
            }, "stream-reader");
            reader.setDaemon(true);
            reader.start();

            assertThat(lines.poll(5, TimeUnit.SECONDS)).as("the first line, sent at once").isEqualTo(":subscribed");
            for (int i = 0; i < 2; i++) {
                assertThat(lines.poll(3, TimeUnit.SECONDS)).as("a heartbeat comment every 300 ms").isEqualTo(":heartbeat");
            }
            // Entries still flow between heartbeats.
            new Http(port).post("/api/articles", Map.of("id", "stream-a", "url", "https://stream.example/a", "title", "t",
                    "outlet", "Stream", "publishedAt", "2020-02-02"));
            String line;
            do {
                line = lines.poll(3, TimeUnit.SECONDS);
                assertThat(line).as("the new entry within seconds").isNotNull().isNotEqualTo(END);
            } while (!line.startsWith("id:"));
        } catch (Throwable failure) {
            app.close();
            throw failure;
        }
        long started = System.nanoTime();
        app.close();
        Duration closing = Duration.ofNanos(System.nanoTime() - started);
        assertThat(closing).as("closing with a subscriber still open").isLessThan(Duration.ofSeconds(5));
        String last;
        do {
            last = lines.poll(5, TimeUnit.SECONDS);
            assertThat(last).as("the subscriber's stream ends with the application").isNotNull();
        } while (!last.equals(END));
    }
}
