package com.claimledger.ledger.cluster;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.claimledger.support.LocalPostgres;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger on a real PostgreSQL (profile {@code postgres}): the same code and migrations as on H2, the append-only
 * triggers, and several nodes on one database — the seed loaded once however many start together, every node
 * accepting writes with one dense sequence and one tree, each node reading its own writes.
 */
class PostgresLedgerTest {

    private static LocalPostgres postgres;

    @BeforeAll
    static void postgres() throws Exception {
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void oneNodeOnPostgres(@TempDir Path dataDir) throws Exception {
        String url = postgres.createDatabase("single");
        String root;
        try (ConfigurableApplicationContext node = start(url, dataDir, dataDir)) {
            Http http = new Http(port(node));
            assertThat(http.get("/api/views/current?limit=500").json().get("claims").size()).isEqualTo(40);
            assertThat(http.post("/api/claims", Map.of("id", "pg-1", "articleId", "iwpr-kyrgyzstan-firefight",
                    "statement", "Amirov led the group, Pgwitness said.", "attributedTo", "GKNB", "subjects", List.of("Zhanbolat Amirov")))
                    .status()).isEqualTo(201);
            assertThat(http.post("/api/claims/pg-1/disputes", Map.of("byClaim", "iwpr-ky-15-knb-amirov-died-early-july"))
                    .status()).isEqualTo(201);
            assertThat(http.get("/api/claims/pg-1").json().get("status").asText()).isEqualTo("DISPUTED");
            assertThat(ids(http.get("/api/claims?q=amirov%20pgwitness").json().get("items"))).containsExactly("pg-1");
            assertThat(http.get("/api/views/disputed?subject=Janbolat%20Amirov&limit=500").json().get("disputes").size()).isPositive();
            assertThat(http.get("/api/views/disputed?subject=Nobody%20Known").json().get("disputes").size()).isZero();
            assertThat(http.get("/api/claims?source=Nobody%20Known&q=amirov").json().get("items").size()).isZero();
            JsonNode verdict = http.get("/api/ledger/verify").json();
            assertThat(verdict.get("ok").asBoolean()).as(verdict.toString()).isTrue();
            root = http.get("/api/ledger/head").json().get("rootHash").asText();
            assertThat(verdict.get("rootHash").asText()).isEqualTo(root);
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            // A replay on PostgreSQL: rebuilt in the shadow schema, switched in; a damaged row is repaired.
            String checksum = http.get("/api/views/checksum").json().get("checksum").asText();
            jdbc.update("update claim_view set topic = 'damaged' where claim_id = 'pg-1'");
            assertThat(http.get("/api/views/checksum").json().get("checksum").asText()).isNotEqualTo(checksum);
            String replay = http.post("/api/admin/replay", Map.of(), Http.ADMIN).json().get("id").asText();
            JsonNode status;
            do {
                Thread.sleep(20);
                status = http.get("/api/admin/replay/" + replay).json();
            } while (status.get("status").asText().equals("RUNNING"));
            assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("COMPLETED");
            assertThat(http.get("/api/views/checksum").json().get("checksum").asText()).isEqualTo(checksum);
            assertThat(jdbc.queryForObject("select count(*) from replay.claim_view", Long.class)).isZero();
            for (String sql : List.of("update ledger_entry set actor = 'mallory'", "delete from ledger_node",
                    "update domain_event_entry set payload_type = 'x'", "delete from domain_event_entry")) {
                assertThatThrownBy(() -> jdbc.update(sql)).as(sql).hasMessageContaining("append-only");
            }
        }
        // Someone with access to the database drops the trigger and edits an entry: verification names it.
        try (ConfigurableApplicationContext node = start(url, dataDir, dataDir)) {
            JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
            jdbc.execute("drop trigger ledger_entry_append_only on ledger_entry");
            jdbc.update("update ledger_entry set actor = 'mallory' where sequence = 42");
            JsonNode verdict = new Http(port(node)).get("/api/ledger/verify").json();
            assertThat(verdict.get("ok").asBoolean()).isFalse();
            assertThat(verdict.get("firstMismatch").asLong()).as(verdict.toString()).isEqualTo(42);
        }
        try (ConfigurableApplicationContext node = start(url, dataDir, dataDir)) {
            Http http = new Http(port(node));
            assertThat(http.get("/api/ledger/head").json().get("rootHash").asText()).isEqualTo(root);
            assertThat(http.get("/api/claims/pg-1").json().get("status").asText()).isEqualTo("DISPUTED");
        }
    }

    @Test
    void severalNodesShareOneDatabase(@TempDir Path keys, @TempDir Path a, @TempDir Path b) throws Exception {
        String url = postgres.createDatabase("cluster");
        List<ConfigurableApplicationContext> nodes = new ArrayList<>();
        ExecutorService starting = Executors.newFixedThreadPool(2);
        try {
            // Both nodes start together, both with the seed enabled. The second begins once the first has set up
            // logging (Spring Boot's logging set-up is not safe for two applications at once in one JVM); they then
            // create their contexts, migrate and seed at the same time.
            CountDownLatch firstPrepared = new CountDownLatch(1);
            Future<ConfigurableApplicationContext> first = starting.submit(() -> start(url, a, keys, firstPrepared));
            Future<ConfigurableApplicationContext> second = starting.submit(() -> {
                firstPrepared.await();
                return start(url, b, keys);
            });
            nodes.add(first.get());
            nodes.add(second.get());
            Http nodeA = new Http(port(nodes.get(0)));
            Http nodeB = new Http(port(nodes.get(1)));
            assertThat(nodeA.ledgerSize()).as("the seed, once").isEqualTo(93);

            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            ExecutorService writers = Executors.newFixedThreadPool(6);
            List<Future<Void>> done = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                int writer = w;
                Http node = writer % 2 == 0 ? nodeA : nodeB;
                done.add(writers.submit((Callable<Void>) () -> {
                    for (int i = 0; i < 15; i++) {
                        String id = "cluster-" + writer + "-" + i;
                        int status = node.post("/api/claims", Map.of("id", id, "articleId", "iwpr-kyrgyzstan-firefight",
                                "statement", "claim " + id, "attributedTo", "Cluster Source " + writer)).status();
                        JsonNode read = node.get("/api/claims/" + id).json();
                        if (status != 201 || !id.equals(read.path("id").asText())) {
                            failures.add(id + ": " + status + " then " + read);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> writer : done) {
                writer.get();
            }
            writers.shutdown();
            assertThat(failures).as("every write acknowledged and read back on its node at once").isEmpty();

            List<JsonNode> events = nodeB.events();
            assertThat(events).as("the seed, 90 claims, 6 new sources").hasSize(93 + 90 + 6);
            for (int i = 0; i < events.size(); i++) {
                assertThat(events.get(i).get("sequence").asLong()).as("dense").isEqualTo(i);
            }
            JsonNode headA = nodeA.get("/api/ledger/head").json();
            JsonNode headB = nodeB.get("/api/ledger/head").json();
            assertThat(headA.get("rootHash").asText()).isEqualTo(headB.get("rootHash").asText());
            assertThat(headA.get("publicKey").asText()).as("one signing key").isEqualTo(headB.get("publicKey").asText());
            assertThat(nodeA.get("/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
            // Both nodes converge to the same views (each node's projections are the shared tables, read by either).
            for (String view : List.of("/api/views/checksum", "/api/views/current?limit=500", "/api/views/disputed?limit=500",
                    "/api/entities?limit=500", "/api/claims?limit=500&source=Cluster%20Source%203")) {
                assertThat(withoutReadTime(nodeB.get(view).json())).as(view).isEqualTo(withoutReadTime(nodeA.get(view).json()));
            }

            // A merge made through one node shows on the other at once: node A read the source's reference and keeps it
            // (Known), the merge changed the entities projection's generation, and node A reads the reference again.
            assertThat(nodeA.get("/api/claims/cluster-3-0").json().at("/attributedTo/name").asText())
                    .isEqualTo("Cluster Source 3");
            String desk = nodeB.post("/api/entities", Map.of("name", "Cluster Desk", "kind", "ORGANIZATION")).json()
                    .get("id").asText();
            assertThat(nodeB.post("/api/entities/" + desk + "/aliases", Map.of("alias", "Cluster Source 3")).status())
                    .isEqualTo(200);
            JsonNode merged = nodeA.get("/api/claims/cluster-3-0").json().get("attributedTo");
            assertThat(merged.get("id").asText()).isEqualTo(desk);
            assertThat(merged.get("name").asText()).isEqualTo("Cluster Desk");

            // A node dies: the other takes over its projections and keeps serving its own writes.
            nodes.remove(0).close();
            assertThat(nodeB.post("/api/claims", Map.of("id", "cluster-after", "articleId", "iwpr-kyrgyzstan-firefight",
                    "statement", "written after the fail-over", "attributedTo", "Cluster Source 1")).status()).isEqualTo(201);
            assertThat(nodeB.get("/api/claims/cluster-after").status()).isEqualTo(200);
            assertThat(nodeB.get("/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
        } finally {
            starting.shutdownNow();
            nodes.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static ConfigurableApplicationContext start(String url, Path dataDir, Path keyDir) {
        return start(url, dataDir, keyDir, new CountDownLatch(1));
    }

    private static ConfigurableApplicationContext start(String url, Path dataDir, Path keyDir, CountDownLatch prepared) {
        return new SpringApplicationBuilder(ClaimLedgerApplication.class)
                .listeners((ApplicationListener<ApplicationPreparedEvent>) event -> prepared.countDown())
                .run("--spring.profiles.active=postgres",
                "--spring.datasource.url=" + url, "--ledger.data-dir=" + dataDir, "--ledger.integrity.key-dir=" + keyDir,
                "--server.port=0", "--ledger.security.editors=editor:" + Http.EDITOR,
                "--ledger.security.admins=admin:" + Http.ADMIN);
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static String withoutReadTime(JsonNode view) {
        if (view instanceof ObjectNode object) {
            object.remove("asOf");
        }
        return view.toString();
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
