package com.claimledger.dossier;

import com.claimledger.support.ApiTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The seed article is loaded at first start, with its attributed statements and the disputes it reports. */
class SeedTest extends ApiTest {

    private static final Path ARTICLE = Path.of("../shared/seeds/iwpr-islamic-state-link-to-kyrgyzstan-firefight.txt");

    @Test
    void seedViewsShowTheArticlesClaimsAndDisputes() {
        JsonNode article = http.get("/api/articles/iwpr-kyrgyzstan-firefight").json();
        assertThat(article.get("publishedAt").asText()).isEqualTo("2015-07-20T00:00:00Z");
        assertThat(article.get("claimIds").size()).isGreaterThanOrEqualTo(30);

        JsonNode claims = http.get("/api/claims?articleId=iwpr-kyrgyzstan-firefight&limit=500").json();
        assertThat(claims.get("items").size()).isGreaterThanOrEqualTo(30);
        JsonNode current = http.get("/api/views/current?limit=500").json();
        assertThat(current.get("axis").asText()).isEqualTo("published");
        assertThat(current.get("claims").size()).isGreaterThanOrEqualTo(30);

        JsonNode disputes = http.get("/api/views/disputed?limit=500").json().get("disputes");
        assertThat(disputes.size()).isGreaterThanOrEqualTo(4);
        List<String> pairs = new ArrayList<>();
        disputes.forEach(d -> pairs.add(d.get("claim").get("attributedTo").get("name").asText() + " / "
                + d.get("byClaim").get("attributedTo").get("name").asText() + " / " + d.get("claim").get("topic").asText()));
        assertThat(pairs).contains("GKNB / National Security Committee of Kazakhstan / amirov-fate");
    }

    @Test
    void amirovDisputeIsFoundUnderEverySpellingOfTheAgencies() {
        for (String name : List.of("GKNB", "State Committee for National Security", "KNB", "Kazakhstan's security service")) {
            JsonNode disputes = http.get("/api/views/disputed?topic=amirov-fate&limit=500").json().get("disputes");
            assertThat(disputes.size()).isEqualTo(1);
            JsonNode bySource = http.get("/api/claims?topic=amirov-fate&source=" + com.claimledger.support.Http.q(name)).json();
            assertThat(bySource.get("items").size()).as(name).isEqualTo(1);
            assertThat(bySource.get("items").get(0).get("status").asText()).isEqualTo("DISPUTED");
        }
        JsonNode amirov = http.get("/api/claims?subject=Zhanbolat%20Amirov&limit=500").json().get("items");
        assertThat(amirov.size()).isGreaterThanOrEqualTo(2);
        amirov.forEach(c -> assertThat(c.get("subjects").toString()).contains("janbolat-amirov"));
    }

    @Test
    void everySeedQuoteIsVerbatimFromTheArticle() throws Exception {
        assumeTrue(Files.exists(ARTICLE), "the shared seed article sits beside the repository");
        String text = Files.readString(ARTICLE);
        JsonNode dossier;
        try (InputStream in = getClass().getResourceAsStream("/seed/iwpr-kyrgyzstan-firefight.json")) {
            dossier = new ObjectMapper().readTree(in);
        }
        assertThat(dossier.get("claims").size()).isGreaterThanOrEqualTo(30);
        dossier.get("claims").forEach(claim -> {
            assertThat(text).as(claim.get("id").asText()).contains(claim.get("quote").asText());
            assertThat(claim.get("quote").asText().length()).isLessThan(200);
        });
        assertThat(dossier.get("articles").get(0).has("text")).isFalse();
        assertThat(dossier.get("note").asText()).contains("20 July 2015");
    }

    @Test
    void theSeedIsRecordedOnceAndImportingItAgainRecordsNothing() throws Exception {
        long before = http.ledgerSize();
        String seed;
        try (InputStream in = getClass().getResourceAsStream("/seed/iwpr-kyrgyzstan-firefight.json")) {
            seed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        var response = http.post("/api/import", seed);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("recorded").asLong()).isZero();
        assertThat(response.json().get("claims").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(http.ledgerSize()).isEqualTo(before);
        JsonNode first = http.get("/api/events?limit=1").json().get("events").get(0);
        assertThat(first.get("sequence").asLong()).isZero();
        assertThat(first.get("actor").asText()).isEqualTo("seed");
    }
}
