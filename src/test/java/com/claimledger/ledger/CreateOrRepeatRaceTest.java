package com.claimledger.ledger;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Create, or accept an identical repeat, else 409 — also while the first try is still in flight: a client that
 * retries after a timeout, eight at once. Identical creates all succeed and record exactly one event; creates of one
 * id with different content have one winner and seven 409s. Never a 404, never a 5xx.
 */
class CreateOrRepeatRaceTest extends ApiTest {

    private static final int WRITERS = 8;
    private static final int ROUNDS = 5;

    @Test
    void identicalEntitiesAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Object> entity = Map.of("id", "race-entity-" + round, "name", "Race Entity " + round, "kind", "AGENCY");
            assertOneEventAndAllSucceed("/api/entities", writer -> entity);
        }
    }

    @Test
    void identicalArticlesAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Object> article = article("race-article-" + round);
            assertOneEventAndAllSucceed("/api/articles", writer -> article);
        }
    }

    @Test
    void identicalClaimsAtOnce() throws Exception {
        http.post("/api/articles", article("race-claims-a"));
        http.post("/api/entities", Map.of("id", "race-claims-source", "name", "Race Claims Source", "kind", "AGENCY"));
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Object> claim = Map.of("id", "race-claim-" + round, "articleId", "race-claims-a",
                    "statement", "The raid happened " + round, "attributedTo", "Race Claims Source");
            assertOneEventAndAllSucceed("/api/claims", writer -> claim);
            assertThat(http.get("/api/claims/race-claim-" + round + "/history").json().get("events").size()).isEqualTo(1);
        }
    }

    @Test
    void identicalDisputesAtOnce() throws Exception {
        http.post("/api/articles", article("race-disputes-a"));
        http.post("/api/entities", Map.of("id", "race-disputes-source", "name", "Race Disputes Source", "kind", "AGENCY"));
        for (int round = 0; round < ROUNDS; round++) {
            for (String id : List.of("race-d-" + round, "race-d-by-" + round)) {
                assertThat(http.post("/api/claims", Map.of("id", id, "articleId", "race-disputes-a", "statement", id,
                        "attributedTo", "Race Disputes Source")).status()).isEqualTo(201);
            }
            Map<String, Object> dispute = Map.of("byClaim", "race-d-by-" + round, "reason", "contradicts " + round);
            assertOneEventAndAllSucceed("/api/claims/race-d-" + round + "/disputes", writer -> dispute);
            assertThat(http.get("/api/claims/race-d-" + round).json().get("status").asText()).isEqualTo("DISPUTED");
        }
    }

    @Test
    void differentContentForOneIdHasOneWinner() throws Exception {
        http.post("/api/articles", article("race-conflict-a"));
        for (int r = 0; r < ROUNDS; r++) {
            int round = r;
            String claimId = "race-conflict-claim-" + round;
            assertOneWinner("/api/claims", writer -> Map.of("id", claimId, "articleId", "race-conflict-a",
                    "statement", "version " + writer, "attributedTo", "Race Conflict Source"));
            String entityId = "race-conflict-entity-" + round;
            assertOneWinner("/api/entities", writer -> Map.of("id", entityId, "name", "Conflicting " + round + " " + writer,
                    "kind", "AGENCY"));
            String articleId = "race-conflict-article-" + round;
            assertOneWinner("/api/articles", writer -> Map.of("id", articleId, "url", "https://race.example/" + writer,
                    "title", "t", "outlet", "Race", "publishedAt", "2020-03-03"));
        }
    }

    private void assertOneEventAndAllSucceed(String path, IntFunction<Object> body) throws Exception {
        long before = http.ledgerSize();
        List<Integer> statuses = atOnce(path, body);
        assertThat(statuses).as("every answer to identical creates of " + path).allMatch(s -> s == 200 || s == 201);
        assertThat(statuses.stream().filter(s -> s == 201)).as("exactly one of them created it").hasSize(1);
        assertThat(http.ledgerSize()).as("exactly one event recorded").isEqualTo(before + 1);
    }

    private void assertOneWinner(String path, IntFunction<Object> body) throws Exception {
        List<Integer> statuses = atOnce(path, body);
        assertThat(statuses.stream().filter(s -> s == 201)).as(path + ": one success " + statuses).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).as(path + ": seven conflicts " + statuses).hasSize(WRITERS - 1);
    }

    /** Sends the bodies from eight threads released at the same moment; the statuses in writer order. */
    private List<Integer> atOnce(String path, IntFunction<Object> body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Http client = http;
                answers.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    return client.post(path, body.apply(writer)).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> article(String id) {
        return Map.of("id", id, "url", "https://race.example/" + id, "title", "Race", "outlet", "Race Wire",
                "publishedAt", "2020-03-03");
    }
}
