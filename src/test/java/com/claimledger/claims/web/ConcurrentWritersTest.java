package com.claimledger.claims.web;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many writers at once lose nothing and duplicate nothing; racing If-Match writes have exactly one winner. */
class ConcurrentWritersTest extends ApiTest {

    @Test
    void eightWritersTimesFiftyClaims() throws Exception {
        http.post("/api/articles", Map.of("id", "conc-a", "url", "https://conc.example/a", "title", "t", "outlet", "C",
                "publishedAt", "2020-03-03"));
        http.post("/api/entities", Map.of("id", "conc-source", "name", "Conc Source", "kind", "AGENCY"));
        long before = http.ledgerSize();
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        run(8, writer -> {
            for (int i = 0; i < 50; i++) {
                statuses.add(http.post("/api/claims", Map.of("id", "conc-" + writer + "-" + i, "articleId", "conc-a",
                        "statement", "claim " + writer + "/" + i, "attributedTo", "Conc Source")).status());
            }
            return null;
        });
        assertThat(statuses).hasSize(400).containsOnly(201);
        assertThat(http.ledgerSize()).isEqualTo(before + 400);
        assertThat(http.get("/api/claims?source=Conc%20Source&limit=500").json().get("items").size()).isEqualTo(400);
        assertThat(http.get("/api/entities/conc-source").json().get("record").get("claimsMade").asLong()).isEqualTo(400);
    }

    @Test
    void racingIfMatchWritesHaveOneWinner() throws Exception {
        http.post("/api/articles", Map.of("id", "race-a", "url", "https://race.example/a", "title", "t", "outlet", "R",
                "publishedAt", "2020-03-03"));
        http.post("/api/claims", Map.of("id", "race-1", "articleId", "race-a", "statement", "s", "attributedTo", "Race Source"));
        long before = http.ledgerSize();
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        run(8, writer -> {
            start.await();
            statuses.add(http.post("/api/claims/race-1/amendments", Map.of("statement", "wording " + writer,
                    "reason", "race"), Http.EDITOR, Map.of("If-Match", "\"0\"")).status());
            return null;
        }, start);
        assertThat(statuses).hasSize(8);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 412)).hasSize(7);
        assertThat(http.ledgerSize()).isEqualTo(before + 1);
        assertThat(http.get("/api/claims/race-1").json().get("version").asLong()).isEqualTo(1);
    }

    interface Writer {
        Void write(int writer) throws Exception;
    }

    private static void run(int writers, Writer work, CountDownLatch... gate) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit((Callable<Void>) () -> work.write(writer)));
            }
            for (CountDownLatch latch : gate) {
                latch.countDown();
            }
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
