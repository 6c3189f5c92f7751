package com.claimledger.finder.web;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.claimledger.support.Http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The finder over HTTP: proposals (acceptance 5: accepting one), the suggestions, and what they never do. */
class FinderApiTest extends ApiTest {

    static final String SEED_TEXT = resource("/finder/iwpr-islamic-state-link-to-kyrgyzstan-firefight.txt");

    static String resource(String path) {
        try (InputStream in = FinderApiTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void article(String id, String text) {
        Map<String, Object> article = new HashMap<>(Map.of("id", id, "url", "https://finder.example/" + id, "title", "Finder " + id,
                "outlet", "IWPR", "publishedAt", "2015-07-20"));
        if (text != null) {
            article.put("text", text);
        }
        assertThat(http.post("/api/articles", article).status()).isIn(200, 201);
    }

    private static JsonNode proposalQuoting(JsonNode proposals, String words) {
        for (JsonNode proposal : proposals.get("proposals")) {
            if (proposal.get("quote").asText().contains(words)) {
                return proposal;
            }
        }
        throw new AssertionError("no proposal quotes " + words + ": " + proposals);
    }

    @Test
    void proposalsHaveTheContractsShapeAndRecordNothing() {
        article("finder-shape", SEED_TEXT);
        long size = http.ledgerSize();
        Response response = http.post("/api/articles/finder-shape/proposals", Map.of());
        assertThat(response.status()).isEqualTo(200);
        assertThat(http.ledgerSize()).as("proposals are not ledger events").isEqualTo(size);
        JsonNode body = response.json();
        assertThat(body.get("articleId").asText()).isEqualTo("finder-shape");
        JsonNode first = body.get("proposals").get(0);
        assertThat(first.has("id") && first.has("quote") && first.has("start") && first.has("end") && first.has("speaker")
                && first.has("cue") && first.has("statement") && first.has("subjects") && first.has("confidence")).isTrue();
        for (JsonNode proposal : body.get("proposals")) {
            assertThat(SEED_TEXT.substring(proposal.get("start").asInt(), proposal.get("end").asInt()))
                    .isEqualTo(proposal.get("quote").asText());
        }
        JsonNode died = proposalQuoting(body, "Amirov died at the beginning of July");
        assertThat(died.get("speaker").get("entityId").asText()).isEqualTo("knb-kazakhstan");
        assertThat(died.get("eventTime").get("from").asText()).isEqualTo("2015-07-01");
        assertThat(died.get("eventTime").get("to").asText()).isEqualTo("2015-07-10");
        assertThat(died.get("eventTime").get("text").asText()).isEqualTo("at the beginning of July");
        JsonNode raids = proposalQuoting(body, "killed six individuals");
        assertThat(raids.get("eventTime").get("from").asText()).isEqualTo("2015-07-16");
        assertThat(raids.get("eventTime").get("to").asText()).isEqualTo("2015-07-17");
        assertThat(body.get("relations")).anySatisfy(relation -> {
            assertThat(relation.get("type").asText()).isEqualTo("DISPUTES");
            assertThat(relation.get("byClaim").asText()).isEqualTo(died.get("id").asText());
        });
        // The same text answers the same proposals, ids included: an id names a span of the text.
        assertThat(http.post("/api/articles/finder-shape/proposals", Map.of()).json()).isEqualTo(body);
    }

    /** Acceptance 5: a proposal accepted is an ordinary claim whose history says which proposal it came from. */
    @Test
    void acceptingAProposalRecordsAnOrdinaryClaimWhoseHistoryShowsItsOrigin() {
        article("finder-accept", SEED_TEXT);
        JsonNode proposals = http.post("/api/articles/finder-accept/proposals", null).json();
        JsonNode shot = proposalQuoting(proposals, "he was among those shot dead during the raid");
        JsonNode died = proposalQuoting(proposals, "Amirov died at the beginning of July");
        String shotId = accept("finder-accept-shot", "finder-accept", shot);
        String diedId = accept("finder-accept-died", "finder-accept", died);

        JsonNode claim = http.get("/api/claims/" + shotId).json();
        assertThat(claim.get("attributedTo").get("id").asText()).isEqualTo("gknb");
        assertThat(claim.get("quote").asText()).isEqualTo(shot.get("quote").asText());
        JsonNode history = http.get("/api/claims/" + shotId + "/history").json().get("events");
        assertThat(history.get(0).get("type").asText()).isEqualTo("ClaimRecorded");
        assertThat(history.get(0).get("actor").asText()).isEqualTo("editor");
        assertThat(history.get(0).get("payload").get("proposal").asText()).isEqualTo(shot.get("id").asText());

        // The dispute the text states, accepted with the ordinary dispute write.
        Response dispute = http.post("/api/claims/" + shotId + "/disputes", Map.of("byClaim", diedId,
                "reason", "This has been disputed by the security service in Kazakstan"));
        assertThat(dispute.status()).isEqualTo(201);
        assertThat(http.get("/api/claims/" + shotId).json().get("status").asText()).isEqualTo("DISPUTED");
        // A claim typed by hand says nothing of a proposal.
        Response typed = http.post("/api/claims", Map.of("id", "finder-typed", "articleId", "finder-accept",
                "statement", "Amirov led the group.", "attributedTo", "GKNB"));
        assertThat(typed.status()).isEqualTo(201);
        assertThat(http.get("/api/claims/finder-typed/history").json().get("events").get(0).get("payload").has("proposal")).isFalse();
        // A proposal id has the form of an id.
        Response malformed = http.post("/api/claims", Map.of("articleId", "finder-accept", "statement", "x",
                "attributedTo", "GKNB", "proposal", "not an id!"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
    }

    private String accept(String id, String articleId, JsonNode proposal) {
        Map<String, Object> claim = new HashMap<>();
        claim.put("id", id);
        claim.put("articleId", articleId);
        claim.put("statement", proposal.get("statement").asText());
        claim.put("quote", proposal.get("quote").asText());
        JsonNode speaker = proposal.get("speaker");
        claim.put("attributedTo", speaker.get("name").asText());
        List<String> subjects = new ArrayList<>();
        proposal.get("subjects").forEach(subject -> subjects.add(subject.get("name").asText()));
        claim.put("subjects", subjects);
        if (proposal.has("eventTime")) {
            claim.put("eventTime", proposal.get("eventTime"));
        }
        claim.put("proposal", proposal.get("id").asText());
        Response response = http.post("/api/claims", claim);
        assertThat(response.status()).as("%s", response.json()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    @Test
    void aPastedTextIsReadForAnArticleWithoutOne() {
        article("finder-pasted", null);
        Response none = http.post("/api/articles/finder-pasted/proposals", Map.of());
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.contentType()).startsWith("application/problem+json");
        Response pasted = http.post("/api/articles/finder-pasted/proposals", Map.of("text",
                "The minister said the bridge would reopen on March 3. “We are ready,” she told reporters."));
        assertThat(pasted.status()).isEqualTo(200);
        assertThat(pasted.json().get("proposals")).hasSize(2);
        assertThat(pasted.json().get("proposals").get(1).get("speaker").get("name").asText())
                .isEqualTo(pasted.json().get("proposals").get(0).get("speaker").get("name").asText());
        assertThat(http.post("/api/articles/no-such-article/proposals", Map.of()).status()).isEqualTo(404);
        assertThat(http.post("/api/articles/finder-pasted/proposals", Map.of("txt", "x")).status()).isEqualTo(400);
    }

    @Test
    void suggestionsAreReadsAndMergeNothing() {
        Response registered = http.post("/api/entities", Map.of("id", "finder-zhanbolot", "name", "Zhanbolot Amirov", "kind", "PERSON"));
        assertThat(registered.status()).isIn(200, 201);
        Response forOne = http.get("/api/entities/finder-zhanbolot/alias-suggestions");
        assertThat(forOne.status()).isEqualTo(200);
        JsonNode best = forOne.json().get("suggestions").get(0);
        assertThat(best.get("entity").get("id").asText()).isEqualTo("finder-zhanbolot");
        assertThat(best.get("other").get("id").asText()).isEqualTo("janbolat-amirov");
        assertThat(best.get("score").asDouble()).isGreaterThan(0.9);
        assertThat(best.get("evidence")).isNotEmpty();

        Response ledgerWide = http.get("/api/entities/merge-suggestions?limit=5");
        assertThat(ledgerWide.status()).isEqualTo(200);
        JsonNode suggestions = ledgerWide.json().get("suggestions");
        assertThat(suggestions.size()).isBetween(1, 5);
        for (int i = 1; i < suggestions.size(); i++) {
            assertThat(suggestions.get(i).get("score").asDouble()).isLessThanOrEqualTo(suggestions.get(i - 1).get("score").asDouble());
        }
        assertThat(http.get("/api/entities/finder-zhanbolot").json().get("id").asText()).as("nothing merged").isEqualTo("finder-zhanbolot");
        assertThat(http.get("/api/entities/no-such-entity/alias-suggestions").status()).isEqualTo(404);
        assertThat(http.get("/api/entities/merge-suggestions?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/api/entities/merge-suggestions?limt=5").status()).isEqualTo(400);
    }
}
