package com.claimledger.ledger;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.claimledger.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stop and start on the same data directory: identical views, and the projections resume from their stored tokens. */
class RestartTest {

    private static final List<String> VIEWS = List.of("/api/views/current?limit=500", "/api/views/disputed?limit=500",
            "/api/views/retracted?limit=500", "/api/claims?limit=500", "/api/entities?limit=500", "/api/articles/rs-a",
            "/api/claims/rs-1", "/api/events?limit=500");

    @Test
    void viewsSurviveARestartWithoutAReplay(@TempDir Path dataDir) throws Exception {
        String[] args = TestDatabase.args("--ledger.data-dir=" + dataDir, "--server.port=0",
                "--ledger.security.editors=editor:" + Http.EDITOR);
        List<String> before;
        long head;
        try (ConfigurableApplicationContext app = start(args)) {
            Http http = new Http(port(app));
            http.post("/api/articles", Map.of("id", "rs-a", "url", "https://rs.example/a", "title", "t", "outlet", "RS",
                    "publishedAt", "2015-07-21"));
            http.post("/api/claims", Map.of("id", "rs-1", "articleId", "rs-a", "statement", "one", "attributedTo", "GKNB"));
            http.post("/api/claims", Map.of("id", "rs-2", "articleId", "rs-a", "statement", "two", "attributedTo", "KNB"));
            assertThat(http.post("/api/claims/rs-1/disputes", Map.of("byClaim", "rs-2")).status()).isEqualTo(201);
            assertThat(http.post("/api/claims/rs-2/retraction", Map.of("reason", "r")).status()).isEqualTo(200);
            before = snapshot(http);
            head = app.getBean(EventStore.class).createHeadToken().position().orElseThrow();
            // A row no event produced: a replay on start would either wipe it (reset) or trip over the existing rows.
            app.getBean(JdbcTemplate.class).update("insert into article_view (article_id, url, title, outlet, published_at)"
                    + " values ('sentinel', 'https://s.example', 's', 's', current_timestamp)");
        }
        try (ConfigurableApplicationContext app = start(args)) {
            Http http = new Http(port(app));
            awaitProcessorsAt(app, head);
            for (var processor : app.getBean(EventProcessingConfiguration.class).eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor streaming) {
                    assertThat(streaming.isReplaying()).as(processor.getName()).isFalse();
                    streaming.processingStatus().values().forEach(status ->
                            assertThat(status.isErrorState()).as(processor.getName()).isFalse());
                }
            }
            assertThat(http.get("/api/articles/sentinel").status()).isEqualTo(200);
            assertThat(snapshot(http)).isEqualTo(before);
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(ClaimLedgerApplication.class).run(args);
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static void awaitProcessorsAt(ConfigurableApplicationContext app, long head) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            boolean all = app.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .allMatch(p -> !p.processingStatus().isEmpty() && p.processingStatus().values().stream()
                            .allMatch(s -> s.getCurrentPosition().orElse(-1) >= head));
            if (all) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("projections did not resume at ledger position " + head);
    }

    /** Every view as served, without the read time. */
    private static List<String> snapshot(Http http) {
        List<String> views = new ArrayList<>();
        for (String path : VIEWS) {
            JsonNode json = http.get(path).json();
            if (json instanceof ObjectNode object) {
                object.remove("asOf");
            }
            views.add(json.toString());
        }
        return views;
    }
}
