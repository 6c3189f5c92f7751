package com.claimledger.bench;

import com.claimledger.ClaimLedgerApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness at a small size, so that it cannot rot: every figure of issue 9 is measured, positive and written to
 * the JSON, next to its limit. No figure is compared with a wall-clock target here — that is docs/benchmarks.md's job.
 */
class BenchSmokeTest {

    private static final List<String> READS = List.of("/api/views/disputed?subject=",
            "/api/views/current?topic=&asOf= (published)", "/api/views/current?topic=&asOf= (recorded)",
            "/api/claims?q=", "/api/claims/{id}", "/api/narrative/diff (one day)", "/api/ledger/proofs/inclusion",
            "/api/claims/{id}/proof");

    @Test
    void everyFigureIsMeasuredAndWritten() throws Exception {
        Path work = Path.of("target/test-data/bench");
        Path json = Path.of("target/test-data/bench-smoke.json");
        FileSystemUtils.deleteRecursively(work);
        Files.deleteIfExists(json);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        // No warm-up past the fixed requests (--warmup-seconds 0): the warm-up while the rate rises is LoadTest's.
        int code = BenchCommand.run(ClaimLedgerApplication.class, new PrintWriter(out), new PrintWriter(err), "--claims", "300", "--checkpoints",
                "100,300", "--clients", "4", "--requests", "8", "--warmup", "2", "--warmup-seconds", "0",
                "--writes", "12", "--ceiling-requests", "40", "--anchor-timeout", "120", "--work", work.toString(), "--out", json.toString(),
                "--keep");

        System.out.println(out);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(json).exists();
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        List<String> names = new ArrayList<>();
        for (JsonNode figure : result.get("figures")) {
            String name = figure.get("name").asText() + " @" + figure.get("atClaims").asText();
            names.add(name);
            assertThat(figure.get("value").asDouble()).as(name).isPositive();
            assertThat(figure.get("limitValue").asDouble()).as(name + " limit").isPositive();
            assertThat(figure.get("ofLimit").asDouble()).as(name + " share of limit").isPositive();
            for (String latency : List.of("p50Ms", "p99Ms")) {
                if (!figure.get(latency).isNull()) {
                    assertThat(figure.get(latency).asDouble()).as(name + " " + latency).isPositive();
                }
            }
            if (name.startsWith("GET ") || name.startsWith("single writes") || name.startsWith("health ceiling")) {
                // A timed load carries the collections of its own window, beside which its p99 is read.
                JsonNode gc = figure.get("gc");
                assertThat(gc.isObject()).as(name + " gc").isTrue();
                assertThat(gc.get("count").asInt()).as(name + " gc count").isNotNegative();
                assertThat(gc.get("longestMs").asLong()).as(name + " longest pause").isNotNegative();
                assertThat(gc.get("share").asDouble()).as(name + " paused share").isBetween(0.0, 1.0);
                // ... and what was sent before it was measured: --warmup, the no-op a tenth of its requests.
                assertThat(figure.get("warmup").get("requests").asInt()).as(name + " warm-up")
                        .isEqualTo(name.startsWith("health ceiling") ? 4 : 2);
            }
            if (name.startsWith("replay")) {
                assertThat(figure.get("vsAnchor").asDouble()).as(name + " against the anchor").isPositive();
            }
        }
        for (String checkpoint : List.of("100", "300")) {
            for (String read : READS) {
                assertThat(names).contains("GET " + read + " @" + checkpoint);
                // Once more with one client, against the no-op's ceiling with one client.
                assertThat(names).contains("GET " + read + Bench.ONE_CLIENT + " @" + checkpoint);
            }
            // The reads' limits, measured just before them at this checkpoint.
            assertThat(names).contains("health ceiling (GET /actuator/health) @" + checkpoint,
                    "health ceiling, one client (GET /actuator/health) @" + checkpoint);
            // What each read asks of the database, a request (H2, one node): counted, not timed.
            for (String read : READS) {
                JsonNode asked = result.get("databaseWork").get(read).get(checkpoint);
                assertThat(asked.get("requests").asInt()).as(read).isEqualTo(DatabaseWork.REQUESTS);
                assertThat(asked.get("statements").asDouble()).as(read + " statements").isPositive();
                assertThat(asked.get("bySql")).as(read).isNotEmpty();
                asked.get("bySql").forEach(statement -> assertThat(statement.get("sql").asText())
                        .as(read + ": the node's background is not the read's").doesNotContain("token_entry"));
            }
            assertThat(names).contains("replay POST /api/admin/replay @" + checkpoint,
                    "ingest POST /api/import @" + checkpoint, "ingest DossierImporter in-process @" + checkpoint);
        }
        assertThat(names).anyMatch(name -> name.startsWith("single writes POST /api/claims"))
                .anyMatch(name -> name.startsWith("replay, Axon defaults (anchor)"))
                .anyMatch(name -> name.startsWith("start-up over the final ledger"))
                .anyMatch(name -> name.startsWith("peak heap"))
                .contains("health ceiling (GET /actuator/health) @null")
                .anyMatch(name -> name.startsWith("raw JDBC insert of the projections' rows"));
        assertThat(result.get("anchor").get("caughtUp").asBoolean()).isTrue();
        for (JsonNode figure : result.get("figures")) {
            String name = figure.get("name").asText();
            if (name.startsWith("GET ")) {
                boolean oneClient = name.endsWith(Bench.ONE_CLIENT);
                String checkpoint = figure.get("atClaims").asText();
                assertThat(figure.get("limit").asText()).as(name)
                        .isEqualTo(oneClient ? "health ceiling, one client" : "health ceiling");
                assertThat(figure.get("limitValue").asDouble()).as(name).isEqualTo(result.get("limits")
                        .get(oneClient ? "httpCeilingOneClientAtCheckpoint" : "httpCeilingAtCheckpoint")
                        .get(checkpoint).get("perSecond").asDouble());
            }
        }
        // The live set: measured after full collections, at most -Xmx; the heap after any collection kept apart.
        JsonNode heap = result.get("figures").findParents("name").stream()
                .filter(figure -> figure.get("name").asText().startsWith("peak heap")).findFirst().orElseThrow();
        assertThat(heap.get("name").asText()).isEqualTo("peak heap (live: after full collections)");
        assertThat(heap.get("value").asDouble() * 1048576).isLessThanOrEqualTo(result.get("limits").get("maxHeapBytes").asDouble());
        assertThat(result.get("limits").get("heapAfterAnyCollectionBytes").asLong()).isPositive();
        assertThat(result.get("limits").get("fullCollections").asInt()).isNotNegative();
        assertThat(result.get("limits").get("rawInsert").get("rows").asLong()).isPositive();
        assertThat(result.get("limits").get("rawInsert").get("projectionRows").asLong()).isPositive()
                .isLessThan(result.get("limits").get("rawInsert").get("rows").asLong());
        assertThat(result.get("limits").get("rawInsert").get("events").asLong()).isPositive();
        assertThat(out.toString()).contains("figure", "x anchor", "what a read asks of the database, a request");
        assertThat(result.get("ledgerEntriesAtCheckpoint").get("100").asLong()).isGreaterThanOrEqualTo(100);
        assertThat(result.get("ledgerEntriesAtCheckpoint").get("300").asLong())
                .isGreaterThan(result.get("ledgerEntriesAtCheckpoint").get("100").asLong());

        // The kept ledger measured again without ingest (--reuse): the reads and two replays in a row at its final size,
        // nothing imported.
        Path again = Path.of("target/test-data/bench-reuse.json");
        Files.deleteIfExists(again);
        long entries = result.get("events").asLong();
        StringWriter reuseOut = new StringWriter();
        int reuseCode = BenchCommand.run(ClaimLedgerApplication.class, new PrintWriter(reuseOut),
                new PrintWriter(err), "--claims", "300", "--checkpoints", "100,300", "--clients", "4", "--requests", "8",
                "--warmup", "2", "--warmup-seconds", "0", "--ceiling-requests", "40", "--reuse", work.resolve("data").toString(),
                "--replays", "2", "--skip", "writes,startup,raw_insert,anchor,one_client", "--out", again.toString());
        System.out.println(reuseOut);
        assertThat(reuseCode).as("exit code of the reuse; stderr: %s", err).isZero();
        JsonNode reused = new ObjectMapper().readTree(again.toFile());
        List<String> measured = new ArrayList<>();
        reused.get("figures").forEach(figure -> measured.add(figure.get("name").asText() + " @"
                + figure.get("atClaims").asText()));
        for (String read : READS) {
            assertThat(measured).contains("GET " + read + " @300").doesNotContain("GET " + read + " @100");
        }
        assertThat(measured).noneMatch(name -> name.startsWith("ingest"))
                .noneMatch(name -> name.contains(Bench.ONE_CLIENT))
                .contains("replay POST /api/admin/replay (1 of 2) @300", "replay POST /api/admin/replay (2 of 2) @300")
                .noneMatch(name -> name.startsWith("replay POST /api/admin/replay @"));
        assertThat(reused.get("replays").size()).isEqualTo(2);
        assertThat(reused.get("replays").get(1).get("round").asInt()).isEqualTo(2);
        assertThat(reused.get("ledgerEntriesAtCheckpoint").get("300").asLong()).as("nothing imported")
                .isEqualTo(entries);
        FileSystemUtils.deleteRecursively(work);
    }
}
