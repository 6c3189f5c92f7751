package com.claimledger.claims.web;

import com.claimledger.support.ApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a running node (H2, and PostgreSQL in the {@code postgres} execution), the claims that made links are marked on
 * their rows once their marks' sweeps have run — the seed's, recorded with their links in one import, which the
 * projection's segments handle each at its own pace, and a dossier's imported the same way — and every claim shows
 * the links it made (claims/query/LinkMakers).
 */
class LinkMarksTest extends ApiTest {

    @Autowired
    private JdbcTemplate jdbc;

    private void marksSwept() throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (jdbc.queryForObject("select count(*) from claim_maker_pending", Long.class) > 0
                && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        assertThat(jdbc.queryForObject("select count(*) from claim_maker_pending", Long.class)).isZero();
        assertThat(jdbc.queryForList("select claim_id from claim_view where makes_links order by claim_id", String.class))
                .containsExactlyElementsOf(jdbc.queryForList("""
                        select by_claim_id from claim_dispute union select by_claim_id from claim_corroboration
                        order by by_claim_id""", String.class));
    }

    @Test
    void theClaimsThatMadeLinksInOneImportAreMarkedAndShowTheirLinks() throws Exception {
        marksSwept();
        assertThat(jdbc.queryForObject("select count(*) from claim_view where makes_links", Long.class)).isPositive();

        http.post("/api/articles", Map.of("id", "links-a", "url", "https://links.example/a", "title", "t",
                "outlet", "L", "publishedAt", "2020-03-03"));
        List<Map<String, Object>> claims = new ArrayList<>();
        List<Map<String, Object>> relations = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            claims.add(Map.of("id", "links-" + i, "articleId", "links-a", "statement", "claim " + i,
                    "attributedTo", "Links Source " + (i % 3)));
            if (i % 2 == 1) {
                relations.add(Map.of("type", i % 4 == 1 ? "DISPUTES" : "CORROBORATES", "claim", "links-" + (i - 1),
                        "byClaim", "links-" + i, "reason", "relation " + i));
            }
        }
        var imported = http.post("/api/import", Map.of("claims", claims, "relations", relations));
        assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
        marksSwept();
        for (int i = 1; i < 40; i += 2) {
            JsonNode claim = http.get("/api/claims/links-" + i).json();
            String field = i % 4 == 1 ? "disputes" : "corroborations";
            assertThat(StreamSupport.stream(claim.get(field).spliterator(), false)
                    .map(link -> link.get("claimId").asText() + " " + link.get("role").asText()))
                    .containsExactly("links-" + (i - 1) + (i % 4 == 1 ? " DISPUTES" : " CORROBORATES"));
        }
        JsonNode page = http.get("/api/claims?source=" + "Links%20Source%201&limit=50").json().get("items");
        assertThat(page.size()).isPositive();
        page.forEach(item -> {
            int i = Integer.parseInt(item.get("id").asText().substring("links-".length()));
            int made = item.get("disputes").size() + item.get("corroborations").size();
            assertThat(made).as(item.get("id").asText()).isEqualTo(1);
        });
    }
}
