package com.claimledger.narrative;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims from three outlets published on different days, disputes, a withdrawal, an amendment and a retraction
 * recorded later: every view as of every day (narrative axis) and as of a moment between writes (ledger axis).
 */
class TimeTravelTest extends ApiTest {

    @Test
    void viewsAsOfEachDayAndBetweenWrites() throws Exception {
        article("tt-a", "Outlet A", "2015-07-16");
        article("tt-b", "Outlet B", "2015-07-17");
        article("tt-c", "Outlet C", "2015-07-18");
        claim("tt-1", "tt-a", "Tt Agency One", "Tester was killed in the raid.");
        claim("tt-2", "tt-b", "Tt Agency Two", "Tester died at the beginning of July.");
        claim("tt-3", "tt-c", "Tt Witness", "Tester is alive.");
        assertThat(http.post("/api/claims/tt-1/disputes", Map.of("byClaim", "tt-2", "reason", "when he died")).status()).isEqualTo(201);
        assertThat(http.post("/api/claims/tt-1/disputes", Map.of("byClaim", "tt-3", "reason", "alive")).status()).isEqualTo(201);
        Thread.sleep(5);
        Instant betweenWrites = Instant.now();
        Thread.sleep(5);
        assertThat(http.post("/api/claims/tt-1/disputes/tt-3/withdrawal", Map.of("reason", "witness misidentified",
                "at", "2015-07-19")).status()).isEqualTo(200);
        assertThat(http.post("/api/claims/tt-2/amendments", Map.of("statement", "Tester died on 2 July.",
                "reason", "date given", "at", "2015-07-20")).status()).isEqualTo(200);
        assertThat(http.post("/api/claims/tt-1/retraction", Map.of("reason", "Agency One withdrew it")).status()).isEqualTo(200);

        assertThat(current("2015-07-15", "published")).isEmpty();
        assertThat(current("2015-07-16", "published")).containsExactly(entry("tt-1", "STANDING"));
        assertThat(current("2015-07-17", "published")).containsExactly(entry("tt-1", "DISPUTED"), entry("tt-2", "DISPUTED"));
        assertThat(disputes("2015-07-17", "published")).containsExactly("tt-1<-tt-2");
        assertThat(current("2015-07-18", "published"))
                .containsExactly(entry("tt-1", "DISPUTED"), entry("tt-2", "DISPUTED"), entry("tt-3", "DISPUTED"));
        assertThat(disputes("2015-07-18", "published")).containsExactly("tt-1<-tt-2", "tt-1<-tt-3");
        assertThat(current("2015-07-19", "published"))
                .containsExactly(entry("tt-1", "DISPUTED"), entry("tt-2", "DISPUTED"), entry("tt-3", "STANDING"));
        assertThat(disputes("2015-07-19", "published")).containsExactly("tt-1<-tt-2");
        assertThat(statement("tt-2", "2015-07-19", "published")).isEqualTo("Tester died at the beginning of July.");
        assertThat(statement("tt-2", "2015-07-20", "published")).isEqualTo("Tester died on 2 July.");

        // Asserted in July, retraction recorded today: it stands as of July, and is retracted now.
        JsonNode july = http.get("/api/claims/tt-1?asOf=2015-07-31").json();
        assertThat(july.get("status").asText()).isEqualTo("DISPUTED");
        assertThat(july.get("retraction").isNull()).isTrue();
        assertThat(http.get("/api/claims/tt-1").json().get("status").asText()).isEqualTo("RETRACTED");
        assertThat(current(null, null)).containsExactly(entry("tt-2", "STANDING"), entry("tt-3", "STANDING"));
        assertThat(disputes(null, null)).isEmpty();
        assertThat(ids(http.get("/api/views/retracted?limit=500").json().get("claims"))).contains("tt-1");
        assertThat(ids(http.get("/api/views/retracted?asOf=2015-07-31").json().get("claims"))).doesNotContain("tt-1");

        // Ledger time: between the disputes and the withdrawal, nothing after had been recorded yet.
        String between = betweenWrites.toString();
        assertThat(current(between, "recorded"))
                .containsExactly(entry("tt-1", "DISPUTED"), entry("tt-2", "DISPUTED"), entry("tt-3", "DISPUTED"));
        assertThat(disputes(between, "recorded")).containsExactly("tt-1<-tt-2", "tt-1<-tt-3");
        assertThat(statement("tt-2", between, "recorded")).isEqualTo("Tester died at the beginning of July.");
        assertThat(current("2015-07-31", "recorded")).as("nothing was recorded in 2015").isEmpty();
        JsonNode view = http.get("/api/views/current?axis=recorded&asOf=" + Http.q(between)).json();
        assertThat(view.get("axis").asText()).isEqualTo("recorded");
        assertThat(view.get("asOf").asText()).isEqualTo(between);
    }

    @Test
    void diffListsExactlyTheChangesBetweenTwoMomentsAndTheTimelineIsInNarrativeOrder() {
        article("df-a", "Outlet A", "2015-08-01");
        article("df-b", "Outlet B", "2015-08-02");
        article("df-c", "Outlet C", "2015-08-03");
        claim("df-1", "df-a", "Df Agency", "One");
        claim("df-2", "df-b", "Df Ministry", "Two");
        claim("df-3", "df-c", "Df Witness", "Three");
        http.post("/api/claims/df-1/disputes", Map.of("byClaim", "df-2"));
        http.post("/api/claims/df-1/corroborations", Map.of("byClaim", "df-3", "at", "2015-08-04"));
        http.post("/api/claims/df-1/disputes/df-2/withdrawal", Map.of("reason", "error", "at", "2015-08-05"));
        http.post("/api/claims/df-3/amendments", Map.of("statement", "Three, corrected", "reason", "typo", "at", "2015-08-05T10:00:00Z"));
        http.post("/api/claims/df-2/retraction", Map.of("reason", "withdrawn", "at", "2015-08-06"));

        JsonNode diff = http.get("/api/narrative/diff?from=2015-08-01&to=2015-08-03").json();
        assertThat(diff.get("axis").asText()).isEqualTo("published");
        assertThat(texts(diff.get("recorded"))).containsExactly("df-2", "df-3");
        assertThat(diff.get("disputed").toString()).isEqualTo("[{\"claimId\":\"df-1\",\"byClaim\":\"df-2\"}]");
        assertThat(diff.get("corroborated")).isEmpty();
        assertThat(diff.get("withdrawn")).isEmpty();

        JsonNode later = http.get("/api/narrative/diff?from=2015-08-04&to=2015-08-05").json();
        assertThat(later.get("recorded")).isEmpty();
        assertThat(later.get("withdrawn").toString()).isEqualTo("[{\"claimId\":\"df-1\",\"byClaim\":\"df-2\"}]");
        assertThat(texts(later.get("amended"))).containsExactly("df-3");
        assertThat(later.get("retracted")).isEmpty();
        assertThat(texts(http.get("/api/narrative/diff?from=2015-08-05&to=2015-08-06").json().get("retracted")))
                .containsExactly("df-2");
        assertThat(http.get("/api/narrative/diff?from=2015-08-06&to=2015-08-01").status()).isEqualTo(400);

        JsonNode entries = http.get("/api/narrative/timeline?subject=" + Http.q("Df Subject")).json().get("entries");
        List<String> types = new ArrayList<>();
        List<String> times = new ArrayList<>();
        entries.forEach(e -> {
            types.add(e.get("type").asText() + " " + e.get("claimId").asText());
            times.add(e.get("occurredAt").asText());
        });
        assertThat(types).containsExactly("ClaimRecorded df-1", "ClaimRecorded df-2", "ClaimDisputed df-1",
                "ClaimRecorded df-3", "ClaimCorroborated df-1", "DisputeWithdrawn df-1", "ClaimAmended df-3",
                "ClaimRetracted df-2");
        assertThat(times).isSorted();
        assertThat(entries.get(0).get("summary").asText()).isEqualTo("Df Agency: One");
    }

    private void article(String id, String outlet, String day) {
        assertThat(http.post("/api/articles", Map.of("id", id, "url", "https://" + id + ".example/", "title", id,
                "outlet", outlet, "publishedAt", day)).status()).isEqualTo(201);
    }

    private void claim(String id, String article, String source, String statement) {
        String topic = id.substring(0, 2) + "-fate";
        assertThat(http.post("/api/claims", Map.of("id", id, "articleId", article, "statement", statement,
                "attributedTo", source, "subjects", List.of(id.substring(0, 2) + " Subject"), "topic", topic))
                .status()).isEqualTo(201);
    }

    private Map<String, String> current(String asOf, String axis) {
        JsonNode claims = http.get("/api/views/current?topic=tt-fate" + params(asOf, axis)).json().get("claims");
        Map<String, String> statuses = new LinkedHashMap<>();
        claims.forEach(c -> statuses.put(c.get("id").asText(), c.get("status").asText()));
        return statuses;
    }

    private List<String> disputes(String asOf, String axis) {
        List<String> pairs = new ArrayList<>();
        http.get("/api/views/disputed?topic=tt-fate" + params(asOf, axis)).json().get("disputes").forEach(d ->
                pairs.add(d.get("claim").get("id").asText() + "<-" + d.get("byClaim").get("id").asText()));
        return pairs;
    }

    private String statement(String id, String asOf, String axis) {
        return http.get("/api/claims/" + id + "?" + params(asOf, axis).substring(1)).json().get("statement").asText();
    }

    private static String params(String asOf, String axis) {
        return (asOf == null ? "" : "&asOf=" + Http.q(asOf)) + (axis == null ? "" : "&axis=" + axis);
    }

    private static Map.Entry<String, String> entry(String id, String status) {
        return Map.entry(id, status);
    }

    private static List<String> ids(JsonNode claims) {
        List<String> ids = new ArrayList<>();
        claims.forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
