package com.claimledger.ledger;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection that fails on one event does not skip it silently: the event waits in the dead-letter queue, the
 * rest keep flowing, and once the fault is removed a retry applies it.
 */
class DeadLetterTest extends ApiTest {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aFailingEventIsDeadLetteredAndRetried() {
        http.post("/api/articles", Map.of("id", "dlq-a", "url", "https://dlq.example/a", "title", "t", "outlet", "D",
                "publishedAt", "2020-04-04"));
        for (String id : new String[]{"dlq-1", "dlq-2", "dlq-3"}) {
            http.post("/api/claims", Map.of("id", id, "articleId", "dlq-a", "statement", id, "attributedTo", "Dlq Source"));
        }
        // The fault: the claims projection's table refuses this one corroboration.
        jdbc.execute("alter table claim_corroboration add constraint dlq_fault check (note is null or note <> 'poison')");
        try {
            assertThat(http.post("/api/claims/dlq-1/corroborations", Map.of("byClaim", "dlq-2", "note", "poison")).status())
                    .isEqualTo(201);
            assertThat(http.get("/api/claims/dlq-1").json().get("corroborations")).isEmpty();

            JsonNode letters = http.send("GET", "/api/admin/dead-letters", null, Http.ADMIN).json();
            assertThat(letters.get("count").asLong()).isEqualTo(1);
            assertThat(letters.get("letters").get(0).get("processingGroup").asText()).isEqualTo("claims");
            assertThat(letters.get("letters").get(0).get("type").asText()).isEqualTo("ClaimCorroborated");
            assertThat(letters.get("letters").get(0).get("aggregateId").asText()).isEqualTo("dlq-1");
            JsonNode metric = http.send("GET", "/actuator/metrics/ledger.projections.dead_letters", null, Http.ADMIN).json();
            assertThat(metric.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
            assertThat(http.send("GET", "/api/admin/dead-letters", null, Http.EDITOR).status()).isEqualTo(403);

            // The rest keep flowing.
            assertThat(http.post("/api/claims/dlq-3/disputes", Map.of("byClaim", "dlq-2")).json().get("status").asText())
                    .isEqualTo("DISPUTED");
            assertThat(http.get("/api/claims/dlq-3").json().get("disputes")).hasSize(1);

            // A retry while the fault is still there leaves the letter queued.
            assertThat(http.post("/api/admin/dead-letters/retry", Map.of(), Http.ADMIN).json().get("remaining").asLong())
                    .isEqualTo(1);
        } finally {
            jdbc.execute("alter table claim_corroboration drop constraint dlq_fault");
        }
        JsonNode retry = http.post("/api/admin/dead-letters/retry", Map.of(), Http.ADMIN).json();
        assertThat(retry.get("retried").asLong()).isEqualTo(1);
        assertThat(retry.get("remaining").asLong()).isZero();
        JsonNode claim = http.get("/api/claims/dlq-1").json();
        assertThat(claim.get("corroborations")).hasSize(1);
        assertThat(claim.get("corroborations").get(0).get("note").asText()).isEqualTo("poison");
        assertThat(http.send("GET", "/api/admin/dead-letters", null, Http.ADMIN).json().get("count").asLong()).isZero();
    }
}
