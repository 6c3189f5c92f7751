package com.claimledger.bench;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.LocalPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * The harness on PostgreSQL, at a small size, so that the side-by-side figures of docs/benchmarks.md cannot rot: one
 * node with every step (replay, anchor and the raw insert into a second database included), and two nodes on one
 * database with the load spread over both. No figure is compared with a target here.
 */
class BenchPostgresSmokeTest {

    private static LocalPostgres postgres;

    @BeforeAll
    static void server() throws Exception {
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void oneNodeMeasuresEveryFigureOnPostgres() throws Exception {
        JsonNode result = bench("one", "--database", postgres.createDatabase("bench_one"),
                "--raw-database", postgres.createDatabase("bench_one_raw"));

        assertThat(result.get("options").get("database").asText()).startsWith("PostgreSQL");
        List<String> names = names(result);
        assertThat(names).contains("replay POST /api/admin/replay @200", "ingest POST /api/import @200",
                "GET /api/claims?q= @200", "GET /api/views/disputed?subject= @200");
        assertThat(names).anyMatch(name -> name.startsWith("replay, Axon defaults (anchor)"))
                .anyMatch(name -> name.startsWith("single writes POST /api/claims"))
                .anyMatch(name -> name.startsWith("start-up over the final ledger"));
        assertThat(result.get("anchor").get("caughtUp").asBoolean()).isTrue();
        assertThat(result.get("limits").get("rawInsert").get("rows").asLong()).isPositive();
    }

    @Test
    void twoNodesShareTheLoadOnOneDatabase() throws Exception {
        JsonNode result = bench("two", "--database", postgres.createDatabase("bench_two"), "--nodes", "2",
                "--skip", "raw_insert,anchor");

        assertThat(result.get("options").get("nodes").asInt()).isEqualTo(2);
        List<String> names = names(result);
        assertThat(names).contains("ingest POST /api/import @200", "GET /api/claims?q= @200",
                "GET /api/claims/{id}/proof @200");
        assertThat(names).anyMatch(name -> name.startsWith("single writes POST /api/claims"))
                .noneMatch(name -> name.startsWith("replay POST"));
    }

    private static JsonNode bench(String name, String... database) throws Exception {
        Path work = Path.of("target/test-data/bench-postgres-" + name);
        Path json = Path.of("target/test-data/bench-postgres-" + name + ".json");
        FileSystemUtils.deleteRecursively(work);
        Files.deleteIfExists(json);
        List<String> args = new ArrayList<>(List.of("--claims", "200", "--clients", "4", "--requests", "8",
                "--warmup", "2", "--warmup-seconds", "0", "--writes", "12", "--ceiling-requests", "40", "--anchor-timeout", "120",
                "--work", work.toString(), "--out", json.toString()));
        args.addAll(List.of(database));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchCommand.run(ClaimLedgerApplication.class, new PrintWriter(out), new PrintWriter(err),
                args.toArray(String[]::new));
        System.out.println(out);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        for (JsonNode figure : result.get("figures")) {
            assertThat(figure.get("value").asDouble()).as(figure.get("name").asText()).isPositive();
        }
        return result;
    }

    private static List<String> names(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.get("figures").forEach(figure -> names.add(figure.get("name").asText() + " @" + figure.get("atClaims").asText()));
        return names;
    }
}
