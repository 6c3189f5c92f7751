package com.claimledger.ledger;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.claimledger.support.Http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The event log, the claim history, the live stream and the replay of every projection. */
class LedgerOperationsTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Test
    void theLedgerIsDenseFromZeroAndEveryEntryCarriesItsActor() {
        List<JsonNode> events = http.events();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            assertThat(event.get("sequence").asLong()).isEqualTo(i);
            assertThat(event.get("actor").asText()).isNotBlank();
            assertThat(event.get("type").asText()).isNotBlank();
            assertThat(event.get("occurredAt").asText()).endsWith("Z");
            assertThat(event.get("recordedAt").asText()).endsWith("Z");
            assertThat(event.get("payload").isObject()).isTrue();
        }
        JsonNode page = http.get("/api/events?limit=2&after=0").json();
        assertThat(page.get("events").get(0).get("sequence").asLong()).isEqualTo(1);
        assertThat(page.get("next").asLong()).isEqualTo(2);
    }

    @Test
    void historyListsEveryEventOfAClaimOldestFirst() {
        JsonNode history = http.get("/api/claims/iwpr-ky-14-gknb-amirov-shot-in-raid/history").json();
        assertThat(history.get("claimId").asText()).isEqualTo("iwpr-ky-14-gknb-amirov-shot-in-raid");
        List<String> types = new ArrayList<>();
        history.get("events").forEach(e -> types.add(e.get("type").asText()));
        assertThat(types).startsWith("ClaimRecorded").contains("ClaimDisputed");
        assertThat(history.get("events").get(0).get("actor").asText()).isEqualTo("seed");
        assertThat(http.get("/api/claims/gknb/history").status()).as("an entity is no claim").isEqualTo(404);
    }

    @Test
    void subscribersReceiveNewEntriesWithinASecondAndResumeWithLastEventId() throws Exception {
        BlockingQueue<String> ids = new LinkedBlockingQueue<>();
        CompletableFuture<Void> open = new CompletableFuture<>();
        CompletableFuture<?> stream = subscribe(null, ids, open);
        // The stream's first line, a comment, says the subscription is registered: entries from now on reach it.
        open.get(5, TimeUnit.SECONDS);
        http.post("/api/articles", Map.of("id", "sse-a", "url", "https://sse.example/a", "title", "t", "outlet", "SSE",
                "publishedAt", "2020-02-02"));
        String first = ids.poll(1, TimeUnit.SECONDS);
        assertThat(first).as("an entry within a second of the write").isNotNull();
        http.post("/api/claims", Map.of("id", "sse-1", "articleId", "sse-a", "statement", "s", "attributedTo", "Sse Source"));
        List<String> more = new ArrayList<>();
        while (more.size() < 2) {
            String id = ids.poll(2, TimeUnit.SECONDS);
            assertThat(id).isNotNull();
            more.add(id);
        }
        stream.cancel(true);
        long last = Long.parseLong(more.get(1));
        assertThat(Long.parseLong(more.get(0))).isEqualTo(Long.parseLong(first) + 1);

        BlockingQueue<String> resumed = new LinkedBlockingQueue<>();
        CompletableFuture<?> again = subscribe(first, resumed, new CompletableFuture<>());
        assertThat(resumed.poll(2, TimeUnit.SECONDS)).isEqualTo(Long.toString(Long.parseLong(first) + 1));
        assertThat(resumed.poll(2, TimeUnit.SECONDS)).isEqualTo(Long.toString(last));
        again.cancel(true);
    }

    @Test
    void replayRebuildsIdenticalProjectionsAndReadersNeverSeeAPartialView() throws Exception {
        String checksum = http.get("/api/views/checksum").json().get("checksum").asText();
        List<String> views = snapshot();
        int claimCount = http.get("/api/views/current?limit=500").json().get("claims").size();

        assertThat(http.post("/api/admin/replay", Map.of(), Http.EDITOR).status()).isEqualTo(403);
        assertThat(http.post("/api/admin/replay", Map.of(), null).status()).isEqualTo(401);

        AtomicBoolean done = new AtomicBoolean();
        List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                Response response = http.get("/api/views/current?limit=500");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.json().get("claims").size()).isEqualTo(claimCount);
                synchronized (seen) {
                    seen.add(response.status());
                }
            }
        });
        reader.setUncaughtExceptionHandler((t, e) -> seen.add(-1));
        reader.start();

        Response started = http.post("/api/admin/replay", Map.of(), Http.ADMIN);
        assertThat(started.status()).isEqualTo(202);
        String id = started.json().get("id").asText();
        JsonNode status;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
            Thread.sleep(20);
            status = http.get("/api/admin/replay/" + id).json();
        } while (status.get("status").asText().equals("RUNNING") && System.nanoTime() < deadline);
        done.set(true);
        reader.join();

        assertThat(status.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(status.get("processed").asLong()).isEqualTo(status.get("total").asLong());
        assertThat(status.get("finishedAt").asText()).isNotBlank();
        assertThat(seen).as("every read during the replay answered the complete view").isNotEmpty().doesNotContain(-1);
        assertThat(http.get("/api/views/checksum").json().get("checksum").asText()).isEqualTo(checksum);
        assertThat(snapshot()).isEqualTo(views);
    }

    private List<String> snapshot() {
        List<String> views = new ArrayList<>();
        for (String path : List.of("/api/views/current?limit=500", "/api/views/disputed?limit=500",
                "/api/views/retracted?limit=500", "/api/entities?limit=500", "/api/articles?limit=500",
                "/api/narrative/timeline?topic=amirov-fate")) {
            JsonNode json = http.get(path).json();
            if (json instanceof ObjectNode object) {
                object.remove("asOf");
            }
            views.add(json.toString());
        }
        views.add(http.events().toString());
        return views;
    }

    private CompletableFuture<?> subscribe(String lastEventId, BlockingQueue<String> ids, CompletableFuture<Void> open) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/stream"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(line -> {
                    if (line.startsWith(":")) {
                        open.complete(null);
                    }
                    if (line.startsWith("id:")) {
                        ids.add(line.substring(3).strip());
                    }
                }));
    }
}
