package com.claimledger.bench;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of the ledger started in this JVM, as the jar would start it, on its own data directory and a random port.
 * The settings are given as command-line arguments, which outrank application.yml (default properties would not).
 */
final class Node implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final URI base;
    /** From the start of Spring to the first {@code /actuator/health} that answers UP. */
    final double startSeconds;

    private Node(ConfigurableApplicationContext context, URI base, double startSeconds) {
        this.context = context;
        this.base = base;
        this.startSeconds = startSeconds;
    }

    static Node start(Class<?> application, Path dataDir, String editorToken, String adminToken, List<String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--ledger.data-dir=" + dataDir.toAbsolutePath(),
                "--server.port=0",
                "--ledger.seed.enabled=false",
                "--ledger.security.editors=editor:" + editorToken,
                "--ledger.security.admins=admin:" + adminToken,
                "--logging.level.root=WARN",
                "--spring.main.banner-mode=off"));
        args.addAll(extra);
        long started = System.nanoTime();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args.toArray(String[]::new));
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        URI base = URI.create("http://localhost:" + port + "/");
        awaitUp(base);
        return new Node(context, base, (System.nanoTime() - started) / 1e9);
    }

    /** Health answers 503 until the node is ready (projections caught up); 200 once UP. */
    static void awaitUp(URI base) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health"))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
                Thread.sleep(10);
            } catch (java.io.IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("the node at " + base + " did not report UP within 10 minutes");
    }

    @Override
    public void close() {
        context.close();
    }
}
