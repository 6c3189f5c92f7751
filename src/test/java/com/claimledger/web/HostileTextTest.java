package com.claimledger.web;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Valid but hostile text is stored and served back exactly, as JSON, never interpreted. */
class HostileTextTest extends ApiTest {

    private static final List<String> HOSTILE = List.of(
            "<script>alert('x')</script><img src=x onerror=alert(1)>",
            "Robert'); DROP TABLE claim_view;-- \" OR 1=1 --",
            "\u202Eevil\u202C \u200F\u05E9\u05DC\u05D5\u05DD\u200E mixed \u0627\u0644\u062D\u0642",
            "emoji \uD83D\uDE00\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uD83C\uDDF0\uD83C\uDDEC",
            "tabs\tand\nnew\r\nlines, back\\slash, %_ wildcards, ${jndi:ldap://x} {{7*7}}");

    @Test
    void hostileTextRoundTripsByteExact() {
        http.post("/api/articles", Map.of("id", "hostile-a", "url", "https://hostile.example/a", "title", HOSTILE.get(0),
                "outlet", HOSTILE.get(2), "publishedAt", "2020-01-01", "text", String.join(" | ", HOSTILE)));
        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = HOSTILE.get(i);
            Response created = http.post("/api/claims", Map.of("id", "hostile-" + i, "articleId", "hostile-a",
                    "statement", text, "quote", text, "attributedTo", "Hostile " + i + " " + text.substring(0, 8),
                    "subjects", List.of(text.substring(0, 10) + " subject"), "topic", "hostile"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.contentType()).startsWith("application/json");
            Response read = http.get("/api/claims/hostile-" + i);
            assertThat(read.json().get("statement").asText()).isEqualTo(text);
            assertThat(read.json().get("quote").asText()).isEqualTo(text);
            assertThat(read.json().get("attributedTo").get("name").asText()).isEqualTo("Hostile " + i + " " + text.substring(0, 8));
        }
        Response article = http.get("/api/articles/hostile-a");
        assertThat(article.json().get("title").asText()).isEqualTo(HOSTILE.get(0));
        assertThat(article.json().get("outlet").asText()).isEqualTo(HOSTILE.get(2));
        assertThat(article.json().get("text").asText()).isEqualTo(String.join(" | ", HOSTILE));
        assertThat(http.get("/api/claims?topic=hostile&limit=10").json().get("items").size()).isEqualTo(HOSTILE.size());
        assertThat(http.get("/api/claims?q=" + com.claimledger.support.Http.q("%_ wildcards")).json().get("items").size())
                .isEqualTo(1);
    }
}
