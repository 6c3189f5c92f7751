package com.claimledger.claims.web;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full-text search by words: a term finds the claims whose current wording has a word it begins, case-insensitively,
 * whatever punctuation surrounds the word; every term must; an amended-away word no longer finds the claim. A search
 * alone reads its words' claims in page order from the word index; the same answers come from a list of a subject's
 * claims, and with every search starting as a list does ({@code claims.query.ClaimReaderWithoutPostingsTest}).
 */
class ClaimSearchTest extends ApiTest {

    @BeforeEach
    void claims() {
        if (http.get("/api/claims/search-1").status() == 200) {
            return;
        }
        http.post("/api/articles", Map.of("id", "search-a", "url", "https://search.example/a", "title", "t",
                "outlet", "Search", "publishedAt", "2016-01-01"));
        http.post("/api/claims", Map.of("id", "search-1", "articleId", "search-a", "attributedTo", "Search Source",
                "statement", "\"Qorvanbek's men were detained,\" the ministry said.", "topic", "search"));
        http.post("/api/claims", Map.of("id", "search-2", "articleId", "search-a", "attributedTo", "Search Source",
                "statement", "Qorvanbek fled across the border-crossing at dawn.", "topic", "search"));
        http.post("/api/claims", Map.of("id", "search-3", "articleId", "search-a", "attributedTo", "Search Source",
                "statement", "A tremmulous rumour about Zyxwolde.", "topic", "search"));
        // Many claims with one common word: more than the threshold, so that a search for it walks the claims.
        for (int i = 0; i < 25; i++) {
            http.post("/api/claims", Map.of("id", "search-many-" + i, "articleId", "search-a",
                    "attributedTo", "Search Source", "statement", "Plentiful report number " + i + " on Qorvanbek.",
                    "subjects", List.of("Search Subject Many")));
        }
    }

    @Test
    void aTermFindsTheWordsItBegins() {
        assertThat(search("qorvan")).contains("search-1", "search-2").hasSize(27);
        assertThat(search("QORVANBEK'S")).containsExactly("search-1");
        assertThat(search("qorvanbek detained")).containsExactly("search-1");
        assertThat(search("\"qorvanbek's")).containsExactly("search-1");
        assertThat(search("crossing dawn")).containsExactly("search-2");
        assertThat(search("border-crossing")).containsExactly("search-2");
        assertThat(search("orvanbek")).as("not the middle of a word").isEmpty();
        assertThat(search("qorvanbek nosuchword")).isEmpty();
        assertThat(search("zyxwolde tremmulous")).containsExactly("search-3");
    }

    @Test
    void bothWaysOfSearchingAnswerAlike() {
        List<String> walked = search("plentiful");
        assertThat(walked).hasSize(25);
        assertThat(search("plentiful number")).isEqualTo(walked);
        assertThat(search("plentiful report number")).isEqualTo(walked);
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/api/claims?limit=7&q=plentiful" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(item -> paged.add(item.get("id").asText()));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        assertThat(paged).isEqualTo(walked);
        assertThat(ids(http.get("/api/claims?limit=500&subject=" + Http.q("Search Subject Many")).json().get("items")))
                .isEqualTo(walked);
        assertThat(ids(http.get("/api/views/current?limit=500&subject=" + Http.q("Search Subject Many")).json().get("claims")))
                .isEqualTo(walked);
    }

    @Test
    void anAmendedAwayWordNoLongerFindsTheClaim() {
        http.post("/api/claims", Map.of("id", "search-amended", "articleId", "search-a", "attributedTo", "Search Source",
                "statement", "The convoy was ambushed near Xylocarpa."));
        assertThat(search("xylocarpa")).containsExactly("search-amended");
        assertThat(http.post("/api/claims/search-amended/amendments", Map.of("statement", "The convoy was stopped near Osh.",
                "reason", "corrected place")).status()).isEqualTo(200);
        assertThat(search("xylocarpa")).isEmpty();
        assertThat(search("convoy stopped")).containsExactly("search-amended");
    }

    private List<String> search(String q) {
        return ids(http.get("/api/claims?limit=500&q=" + Http.q(q)).json().get("items"));
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
