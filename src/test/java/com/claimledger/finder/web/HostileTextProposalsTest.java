package com.claimledger.finder.web;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 4 of issue 13: proposals on hostile text answer within the limits and never with a 5xx. Every proposal
 * still quotes its own span of the text exactly. A body past the ledger's body limit (1 MiB) is refused cleanly; the
 * longest text an article may hold (1,000,000 characters) is read within {@link #WITHIN}.
 */
class HostileTextProposalsTest extends ApiTest {

    static final Duration WITHIN = Duration.ofSeconds(45);

    @BeforeEach
    void anArticleWithoutText() {
        http.post("/api/articles", Map.of("id", "finder-hostile", "url", "https://finder.example/hostile", "title", "Hostile",
                "outlet", "Hostile Outlet", "publishedAt", "2020-05-01"));
    }

    private JsonNode propose(String text) {
        long started = System.nanoTime();
        Response response = http.post("/api/articles/finder-hostile/proposals", Map.of("text", text));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.status()).as("%s", response.raw().body()).isEqualTo(200);
        assertThat(took).as("answered within the limit").isLessThan(WITHIN);
        for (JsonNode proposal : response.json().get("proposals")) {
            assertThat(text.substring(proposal.get("start").asInt(), proposal.get("end").asInt()))
                    .isEqualTo(proposal.get("quote").asText());
        }
        return response.json();
    }

    @Test
    void markupIsReadAsText() {
        JsonNode found = propose("<p>The minister <b>said</b> the bridge <script>alert('x')</script> is closed.</p>\n"
                + "<div onclick=\"steal()\">“We are <i>ready</i>,” she said.</div>");
        assertThat(found.get("proposals")).isNotEmpty();
    }

    @Test
    void rightToLeftAndInvisibleMarks() {
        JsonNode found = propose("\u202EThe minister said\u202C the bridge \u200Fwas closed on May 3.\u200B "
                + "\u2067“We are ready for it,”\u2069 she said. \uFEFFمتحدث said the road was open.");
        assertThat(found.get("proposals")).isNotEmpty();
    }

    @Test
    void quotesInsideQuotesAndUnclosedQuotes() {
        propose("“He told me “no” and ‘maybe’ and \"yes\", then left,” she said. “This quotation never closes and "
                + "runs to the end of the paragraph\n«Et celle-ci» dit-il. „Und diese“, sagte er. \"\"\"\" “”“”");
        propose("“".repeat(5000) + "”".repeat(5000));
    }

    @Test
    void noQuotesAtAll() {
        JsonNode found = propose("The weather was fine and nothing happened. Nobody said anything about it at all.");
        assertThat(found.get("relations")).isEmpty();
        Response empty = http.post("/api/articles/finder-hostile/proposals", Map.of("text", ""));
        assertThat(empty.status()).as("no text to read").isEqualTo(422);
        assertThat(empty.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aMillionCharactersAreReadAndALargerBodyRefusedCleanly() {
        String seed = FinderApiTest.SEED_TEXT;
        StringBuilder text = new StringBuilder();
        while (text.length() + seed.length() + 2 <= 1_000_000) {
            text.append(seed).append("\n\n");
        }
        String million = text + "x".repeat(1_000_000 - text.length());
        assertThat(million).hasSize(1_000_000);
        assertThat(("{\"text\":\"" + million + "\"}").getBytes(StandardCharsets.UTF_8).length + 100).isLessThan(1 << 20);
        JsonNode found = propose(million.replace("\"", "'"));
        assertThat(found.get("proposals").size()).isPositive().isLessThanOrEqualTo(1000);

        // One paragraph, one "sentence", no punctuation: still linear work.
        propose("said he said she told them according to ".repeat(24_000).substring(0, 960_000));

        Response tooLarge = http.post("/api/articles/finder-hostile/proposals", Map.of("text", "word ".repeat(220_000)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
        Response tooLong = http.post("/api/articles/finder-hostile/proposals", Map.of("text", "w".repeat(1_000_001)));
        assertThat(tooLong.status()).isIn(400, 413);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
    }

    @Test
    void controlCharactersAndMalformedBodiesAreBadRequests() {
        // Control characters are refused where the ledger stores text; here they are only read, as spaces.
        Response control = http.post("/api/articles/finder-hostile/proposals", Map.of("text", "a\u0000b said \u0007 x"));
        assertThat(control.status()).isIn(200, 400);
        Response malformed = http.post("/api/articles/finder-hostile/proposals", "{\"text\": ");
        assertThat(malformed.status()).isEqualTo(400);
        Response notText = http.post("/api/articles/finder-hostile/proposals", "{\"text\": 5}");
        assertThat(notText.status()).isLessThan(500);
        assertThat(http.post("/api/articles/bad%20id/proposals", Map.of()).status()).isEqualTo(404);
    }
}
