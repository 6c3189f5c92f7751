package com.claimledger.claims.web;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.claimledger.support.Http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Claims over real HTTP: one story from two outlets told in steps (every status, view, filter and record count is
 * checked along the way), idempotent repeats and conflicts, If-Match, tokens and paging.
 */
class ClaimScenarioTest extends ApiTest {

    private static final String TEXT_B = "The Interior Ministry of Testland said Aibek Jumabaev was arrested on Monday, "
            + "not killed. \"He is alive and in custody,\" a spokesman said.";

    /**
     * Two outlets report the same events, spelling the agency and the person differently; claims are disputed,
     * corroborated, amended and retracted, then the names are merged by alias. One story in named steps, in order,
     * each building on the state the steps before it left; after a failed step the rest are skipped.
     */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class TwoOutletsTwoSpellingsOneStory {

        private long start;
        private String ministryA;
        private String ministryB;
        private String personA;
        private int done;

        /** Two outlets report the same events. */
        @Test
        @Order(1)
        void twoArticlesAreRecorded() {
            step(1);
            start = http.ledgerSize();
            assertThat(http.post("/api/articles", Map.of("id", "sc-a", "url", "https://outlet-a.example/story",
                    "title", "Raid in Testland", "outlet", "Outlet A", "publishedAt", "2015-07-18")).status()).isEqualTo(201);
            assertThat(http.post("/api/articles", Map.of("id", "sc-b", "url", "https://outlet-b.example/story",
                    "title", "Testland arrest", "outlet", "Outlet B", "publishedAt", "2015-07-19T08:00:00Z",
                    "text", TEXT_B)).status()).isEqualTo(201);
            done = 1;
        }

        /** Three claims: two outlets, two spellings of the ministry and of the person; a quote must be in the text. */
        @Test
        @Order(2)
        void claimsAreRecordedWithTheirOwnSpellings() {
            step(2);
            Response c1 = http.post("/api/claims", Map.of("id", "sc-1", "articleId", "sc-a",
                    "statement", "Dzhumabaev was killed in the raid.", "attributedTo", "MVD Testland",
                    "subjects", List.of("Aibek Dzhumabaev"), "topic", "sc-fate",
                    "eventTime", Map.of("from", "2015-07-16", "to", "2015-07-17", "text", "16-17 July")));
            assertThat(c1.status()).isEqualTo(201);
            assertThat(c1.header("Location")).isEqualTo("/api/claims/sc-1");
            assertThat(c1.json().get("assertedAt").asText()).isEqualTo("2015-07-18T00:00:00Z");
            assertThat(c1.json().get("status").asText()).isEqualTo("STANDING");
            assertThat(c1.json().get("eventTime").get("text").asText()).isEqualTo("16-17 July");
            ministryA = c1.json().get("attributedTo").get("id").asText();
            personA = c1.json().get("subjects").get(0).get("id").asText();

            Response quoteMissing = http.post("/api/claims", Map.of("articleId", "sc-b", "statement", "x",
                    "quote", "not in the text", "attributedTo", "Outlet B"));
            assertThat(quoteMissing.status()).isEqualTo(422);
            assertThat(quoteMissing.json().get("errors").get(0).get("field").asText()).isEqualTo("quote");

            Response c2 = http.post("/api/claims", Map.of("id", "sc-2", "articleId", "sc-b",
                    "statement", "Jumabaev was arrested, not killed.", "quote", "He is alive and in custody",
                    "attributedTo", "Interior Ministry of Testland", "subjects", List.of("Aibek Jumabaev"), "topic", "sc-fate"));
            assertThat(c2.status()).isEqualTo(201);
            ministryB = c2.json().get("attributedTo").get("id").asText();
            assertThat(ministryB).isNotEqualTo(ministryA);
            assertThat(http.get("/api/entities/" + ministryB).json().get("kind").asText()).isEqualTo("OTHER");

            Response c3 = http.post("/api/claims", Map.of("id", "sc-3", "articleId", "sc-a",
                    "statement", "A body was taken from the house.", "attributedTo", "MVD Testland",
                    "subjects", List.of("Aibek Dzhumabaev"), "topic", "sc-raid"));
            assertThat(c3.status()).isEqualTo(201);
            done = 2;
        }

        /** c2 disputes c1: both disputed, the pair only once, in either direction; c3 corroborates c1. */
        @Test
        @Order(3)
        void aDisputeMarksBothClaimsAndACorroborationIsListed() {
            step(3);
            Response disputed = http.post("/api/claims/sc-1/disputes", Map.of("byClaim", "sc-2", "reason", "killed vs arrested"));
            assertThat(disputed.status()).isEqualTo(201);
            assertThat(disputed.json().get("status").asText()).isEqualTo("DISPUTED");
            assertThat(disputed.json().get("disputes").get(0).get("at").asText()).isEqualTo("2015-07-19T08:00:00Z");
            assertThat(status("sc-2")).isEqualTo("DISPUTED");
            assertThat(http.post("/api/claims/sc-1/disputes", Map.of("byClaim", "sc-2")).status()).isEqualTo(409);
            assertThat(http.post("/api/claims/sc-1/disputes", Map.of("byClaim", "sc-1")).status()).isEqualTo(409);
            assertThat(http.post("/api/claims/sc-2/disputes", Map.of("byClaim", "sc-1")).status())
                    .as("the same pair the other way round").isEqualTo(409);
            assertThat(http.post("/api/claims/sc-1/disputes", Map.of("byClaim", "sc-nope")).status()).isEqualTo(404);
            assertThat(http.post("/api/claims/sc-1/corroborations", Map.of("byClaim", "sc-3", "note", "same raid")).status())
                    .isEqualTo(201);
            JsonNode one = http.get("/api/claims/sc-1").json();
            assertThat(one.get("corroborations").get(0).get("claimId").asText()).isEqualTo("sc-3");
            assertThat(one.get("corroborations").get(0).get("role").asText()).isEqualTo("CORROBORATED_BY");

            assertThat(disputePairs("sc-fate")).containsExactly("sc-1<-sc-2");
            assertThat(ids(http.get("/api/views/current?topic=sc-fate").json().get("claims"))).containsExactly("sc-1", "sc-2");
            done = 3;
        }

        /** Before the merge, each spelling is its own entity. */
        @Test
        @Order(4)
        void beforeTheMergeEachSpellingIsItsOwnEntity() {
            step(4);
            assertThat(ids(http.get("/api/claims?subject=" + Http.q("Aibek Dzhumabaev")).json().get("items")))
                    .containsExactly("sc-1", "sc-3");
            assertThat(ids(http.get("/api/claims?subject=" + Http.q("aibek jumabaev ")).json().get("items")))
                    .containsExactly("sc-2");
            done = 4;
        }

        /** Amendment: new wording, old one kept; search finds the new wording. */
        @Test
        @Order(5)
        void anAmendmentChangesTheWordingAndKeepsTheOld() {
            step(5);
            Response amended = http.post("/api/claims/sc-2/amendments", Map.of("statement",
                    "Jumabaev was arrested on Monday and is alive.", "reason", "fuller wording"));
            assertThat(amended.status()).isEqualTo(200);
            assertThat(amended.json().get("statement").asText()).isEqualTo("Jumabaev was arrested on Monday and is alive.");
            assertThat(amended.json().get("amendments").size()).isEqualTo(1);
            assertThat(ids(http.get("/api/claims?q=" + Http.q("ARRESTED monday")).json().get("items"))).containsExactly("sc-2");
            assertThat(ids(http.get("/api/claims?q=" + Http.q("killed raid") + "&topic=sc-fate").json().get("items")))
                    .containsExactly("sc-1");
            done = 5;
        }

        /** Merge the spellings: the first entity stays canonical and every read answers with it. */
        @Test
        @Order(6)
        void mergingTheSpellingsByAliasMakesEveryReadAnswerTheCanonicalEntity() {
            step(6);
            Response merged = http.post("/api/entities/" + personA + "/aliases", Map.of("alias", "Aibek Jumabaev"));
            assertThat(merged.status()).isEqualTo(200);
            assertThat(merged.json().get("id").asText()).isEqualTo(personA);
            assertThat(merged.json().get("aliases").toString()).contains("Aibek Jumabaev");
            assertThat(http.post("/api/entities/" + ministryA + "/aliases", Map.of("alias", "interior ministry of testland"))
                    .status()).isEqualTo(200);
            assertThat(ids(http.get("/api/claims?subject=" + Http.q("Aibek Jumabaev")).json().get("items")))
                    .containsExactly("sc-1", "sc-3", "sc-2");
            assertThat(http.get("/api/claims/sc-2").json().get("subjects").get(0).get("id").asText()).isEqualTo(personA);
            assertThat(http.get("/api/claims/sc-2").json().get("attributedTo").get("id").asText()).isEqualTo(ministryA);
            JsonNode mergedView = http.get("/api/entities/" + ministryB).json();
            assertThat(mergedView.get("id").asText()).isEqualTo(ministryA);
            assertThat(mergedView.get("mergedIds").toString()).contains(ministryB);
            assertThat(record(ministryA)).isEqualTo(List.of(3L, 2L, 0L, 1L));
            assertThat(ids(http.get("/api/views/current?source=" + Http.q("Interior Ministry of Testland")).json().get("claims")))
                    .containsExactly("sc-1", "sc-3", "sc-2");
            assertThat(disputePairs("sc-fate")).containsExactly("sc-1<-sc-2");
            assertThat(http.get("/api/views/disputed?subject=" + Http.q("Aibek Dzhumabaev")).json().get("disputes").size())
                    .isEqualTo(1);
            done = 6;
        }

        /** A second dispute, then withdrawn: the claim stands again, and a withdrawal is not repeated. */
        @Test
        @Order(7)
        void aSecondDisputeIsWithdrawn() {
            step(7);
            assertThat(http.post("/api/claims/sc-3/disputes", Map.of("byClaim", "sc-2")).status()).isEqualTo(201);
            assertThat(status("sc-3")).isEqualTo("DISPUTED");
            assertThat(http.post("/api/claims/sc-3/disputes/sc-2/withdrawal", Map.of("reason", "recorded in error"))
                    .status()).isEqualTo(200);
            assertThat(status("sc-3")).isEqualTo("STANDING");
            assertThat(http.get("/api/claims/sc-3").json().get("disputes").get(0).get("withdrawn").asBoolean()).isTrue();
            assertThat(http.post("/api/claims/sc-3/disputes/sc-2/withdrawal", Map.of("reason", "again")).status())
                    .isEqualTo(409);
            done = 7;
        }

        /** Retraction of c2: c1 no longer disputed, c2 retracted, the dispute leaves the view; a retracted claim takes no change. */
        @Test
        @Order(8)
        void aRetractionEndsTheDisputeAndFreezesTheClaim() {
            step(8);
            Response retracted = http.post("/api/claims/sc-2/retraction", Map.of("reason", "the ministry withdrew it"));
            assertThat(retracted.status()).isEqualTo(200);
            assertThat(retracted.json().get("status").asText()).isEqualTo("RETRACTED");
            assertThat(retracted.json().get("retraction").get("retractedBy").get("id").asText()).isEqualTo(ministryA);
            assertThat(status("sc-1")).isEqualTo("STANDING");
            assertThat(disputePairs("sc-fate")).isEmpty();
            assertThat(ids(http.get("/api/views/current?topic=sc-fate").json().get("claims"))).containsExactly("sc-1");
            assertThat(ids(http.get("/api/views/retracted?limit=500").json().get("claims"))).contains("sc-2");
            assertThat(ids(http.get("/api/claims?status=RETRACTED&topic=sc-fate").json().get("items"))).containsExactly("sc-2");
            assertThat(ids(http.get("/api/claims?status=standing&source=MVD%20Testland").json().get("items")))
                    .containsExactly("sc-1", "sc-3");
            assertThat(http.post("/api/claims/sc-2/retraction", Map.of("reason", "twice")).status()).isEqualTo(409);
            assertThat(http.post("/api/claims/sc-2/amendments", Map.of("statement", "x", "reason", "y")).status()).isEqualTo(409);
            assertThat(http.post("/api/claims/sc-2/disputes", Map.of("byClaim", "sc-3")).status()).isEqualTo(409);
            assertThat(record(ministryA)).isEqualTo(List.of(3L, 0L, 1L, 1L));
            done = 8;
        }

        /** A review, and its schema.org ClaimReview export. */
        @Test
        @Order(9)
        void aReviewIsExportedAsClaimReview() {
            step(9);
            Response reviewed = http.post("/api/claims/sc-1/reviews", Map.of("rating", "MIXED", "explanation", "unconfirmed"));
            assertThat(reviewed.status()).isEqualTo(201);
            assertThat(reviewed.json().get("reviews").get(0).get("rating").asText()).isEqualTo("MIXED");
            JsonNode claimReview = http.get("/api/claims/sc-1/claim-reviews").json().get(0);
            assertThat(claimReview.get("@type").asText()).isEqualTo("ClaimReview");
            assertThat(claimReview.get("claimReviewed").asText()).isEqualTo("Dzhumabaev was killed in the raid.");
            assertThat(claimReview.get("reviewRating").get("ratingValue").asInt()).isEqualTo(3);
            assertThat(claimReview.get("reviewRating").get("alternateName").asText()).isEqualTo("Mixed");
            assertThat(claimReview.get("itemReviewed").get("author").get("name").asText()).isEqualTo("MVD Testland");
            assertThat(claimReview.get("itemReviewed").get("datePublished").asText()).isEqualTo("2015-07-18");
            assertThat(claimReview.get("itemReviewed").get("appearance").get("url").asText()).isEqualTo("https://outlet-a.example/story");
            done = 9;
        }

        /** Every change above is one ledger entry carrying the editor's name. */
        @Test
        @Order(10)
        void everyChangeIsOneLedgerEntryOfTheEditor() {
            step(10);
            JsonNode events = http.get("/api/events?limit=500&after=" + (start - 1)).json().get("events");
            events.forEach(e -> assertThat(e.get("actor").asText()).isEqualTo("editor"));
            assertThat(events.get(0).get("type").asText()).isEqualTo("ArticleRecorded");
            done = 10;
        }

        private void step(int step) {
            assumeTrue(done == step - 1, "an earlier step of the story failed");
        }
    }

    @Test
    void idempotentRepeatsAndConflicts() {
        http.post("/api/articles", Map.of("id", "idem-a", "url", "https://x.example/a", "title", "t", "outlet", "X",
                "publishedAt", "2020-01-01"));
        Map<String, Object> claim = Map.of("id", "idem-1", "articleId", "idem-a", "statement", "s",
                "attributedTo", "Idem Source", "subjects", List.of("Idem Subject"));
        assertThat(http.post("/api/claims", claim).status()).isEqualTo(201);
        long size = http.ledgerSize();
        Response repeat = http.post("/api/claims", claim);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().get("id").asText()).isEqualTo("idem-1");
        assertThat(http.ledgerSize()).isEqualTo(size);

        Response conflict = http.post("/api/claims", Map.of("id", "idem-1", "articleId", "idem-a", "statement", "other",
                "attributedTo", "Idem Source"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().get("detail").asText()).contains("idem-1");
        Response unknownNames = http.post("/api/claims", Map.of("id", "idem-1", "articleId", "idem-a", "statement", "s",
                "attributedTo", "A Brand New Source"));
        assertThat(unknownNames.status()).isEqualTo(409);
        assertThat(http.ledgerSize()).as("a refused write registers no entity either").isEqualTo(size);
        assertThat(http.get("/api/entities?q=" + Http.q("A Brand New Source")).json().get("items").size()).isZero();

        Map<String, Object> entity = Map.of("id", "idem-e", "name", "Idem Agency", "kind", "AGENCY", "aliases", List.of("IA"));
        assertThat(http.post("/api/entities", entity).status()).isEqualTo(201);
        assertThat(http.post("/api/entities", entity).status()).isEqualTo(200);
        assertThat(http.post("/api/entities", Map.of("id", "idem-e", "name", "Idem Agency", "kind", "PERSON")).status())
                .isEqualTo(409);
        assertThat(http.post("/api/entities", Map.of("name", "ia", "kind", "AGENCY")).status())
                .as("a name is one entity's only").isEqualTo(409);
        assertThat(http.post("/api/articles", Map.of("id", "idem-e", "url", "https://x.example/b", "title", "t",
                "outlet", "X", "publishedAt", "2020-01-01")).status()).as("ids are unique across kinds").isEqualTo(409);
    }

    @Test
    void staleIfMatchIsRefused() {
        http.post("/api/articles", Map.of("id", "ver-a", "url", "https://x.example/v", "title", "t", "outlet", "X",
                "publishedAt", "2020-01-01"));
        Response created = http.post("/api/claims", Map.of("id", "ver-1", "articleId", "ver-a", "statement", "s",
                "attributedTo", "Ver Source"));
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        Map<String, Object> amendment = Map.of("statement", "s2", "reason", "r");
        assertThat(http.post("/api/claims/ver-1/amendments", amendment, Http.EDITOR, Map.of("If-Match", "\"0\"")).status())
                .isEqualTo(200);
        long size = http.ledgerSize();
        Response stale = http.post("/api/claims/ver-1/amendments", amendment, Http.EDITOR, Map.of("If-Match", "\"0\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("status").asInt()).isEqualTo(412);
        assertThat(http.ledgerSize()).isEqualTo(size);
        assertThat(http.get("/api/claims/ver-1").json().get("version").asLong()).isEqualTo(1);
        assertThat(http.post("/api/claims/ver-1/retraction", Map.of("reason", "r"), Http.EDITOR, Map.of("If-Match", "\"1\""))
                .status()).isEqualTo(200);
    }

    @Test
    void writesNeedAValidTokenAndReadsArePublic() {
        Map<String, Object> article = Map.of("url", "https://x.example/t", "title", "t", "outlet", "X", "publishedAt", "2020-01-01");
        long size = http.ledgerSize();
        Response none = http.post("/api/articles", article, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(http.post("/api/articles", article, "wrong-token").status()).isEqualTo(401);
        assertThat(http.post("/api/import", Map.of(), null).status()).isEqualTo(401);
        assertThat(http.ledgerSize()).isEqualTo(size);
        assertThat(http.get("/api/views/current").status()).isEqualTo(200);
        assertThat(http.post("/api/articles", article, Http.ADMIN).status()).as("admins are editors too").isEqualTo(201);
    }

    @Test
    void listsArePagedWithOpaqueCursors() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/api/claims?limit=7" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(7);
            page.get("items").forEach(c -> seen.add(c.get("id").asText()));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(ids(http.get("/api/claims?limit=500").json().get("items")));
        assertThat(http.get("/api/claims?cursor=garbage").status()).isEqualTo(400);
    }

    private String status(String claimId) {
        return http.get("/api/claims/" + claimId).json().get("status").asText();
    }

    private List<String> disputePairs(String topic) {
        List<String> pairs = new ArrayList<>();
        http.get("/api/views/disputed?topic=" + topic).json().get("disputes").forEach(d ->
                pairs.add(d.get("claim").get("id").asText() + "<-" + d.get("byClaim").get("id").asText()));
        return pairs;
    }

    private List<Long> record(String entityId) {
        JsonNode record = http.get("/api/entities/" + entityId).json().get("record");
        return List.of(record.get("claimsMade").asLong(), record.get("disputed").asLong(),
                record.get("retracted").asLong(), record.get("corroborated").asLong());
    }

    static List<String> ids(JsonNode claims) {
        List<String> ids = new ArrayList<>();
        claims.forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }
}
