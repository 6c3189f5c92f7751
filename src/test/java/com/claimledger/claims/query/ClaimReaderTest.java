package com.claimledger.claims.query;

import com.claimledger.articles.api.ArticleQueries.ClaimIdsOf;
import com.claimledger.claims.api.ClaimQueries.ClaimFilter;
import com.claimledger.claims.api.ClaimQueries.DisputePage;
import com.claimledger.claims.api.ClaimQueries.DisputeView;
import com.claimledger.claims.api.ClaimQueries.ListDisputes;
import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.entities.api.EntityQueries.RecordsOf;
import com.claimledger.entities.api.EntityRecord;
import com.claimledger.time.AsOf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.claimledger.claims.query.ClaimLedger.AMIROV;
import static com.claimledger.claims.query.ClaimLedger.BISHKEK;
import static com.claimledger.claims.query.ClaimLedger.GKNB;
import static com.claimledger.claims.query.ClaimLedger.IWPR;
import static com.claimledger.claims.query.ClaimLedger.KAZAKH_GROUP;
import static com.claimledger.claims.query.ClaimLedger.KNB;
import static com.claimledger.claims.query.ClaimLedger.NOW;
import static com.claimledger.claims.query.ClaimLedger.day;
import static com.claimledger.claims.query.ClaimLedger.noFilter;
import static com.claimledger.claims.query.ClaimLedger.now;
import static com.claimledger.claims.query.ClaimLedger.published;
import static com.claimledger.claims.query.ClaimLedger.recorded;
import static com.claimledger.claims.query.ClaimLedger.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim reader against a real database: lists of claims with their filters and cursors, the disputed view, each
 * source's record and the claims of each article.
 */
class ClaimReaderTest {

    ClaimLedger ledger;

    @BeforeEach
    void freshLedger() {
        ledger = newLedger();
    }

    /** The ledger every test here reads: searches read the word index in page order (a search alone). */
    ClaimLedger newLedger() {
        return ClaimLedger.fresh();
    }

    @AfterEach
    void dropLedger() {
        ledger.close();
    }

    // ---- full text ----

    @Test
    void fullTextMatchesClaimsWhoseWordingHasEveryTermInAnyCase() {
        ledger.claim("shot").says("Amirov was one of the people shot dead in the Bishkek raid.")
                .quoting("he was among those shot dead during the raid").recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        ledger.claim("early-july").says("Amirov died at the beginning of July.").recordedAt(Instant.parse("2026-01-05T10:01:00Z"));
        ledger.claim("raid").says("Six members of a cell were killed in the raid.").recordedAt(Instant.parse("2026-01-05T10:02:00Z"));

        assertThat(ledger.ids(now(), text("amirov"))).containsExactly("early-july", "shot");
        assertThat(ledger.ids(now(), text("AMIROV  Bishkek"))).containsExactly("shot");
        assertThat(ledger.ids(now(), text("raid"))).containsExactly("raid", "shot");
        // every term must occur: one in the statement, one in the quote is enough
        assertThat(ledger.ids(now(), text("bishkek among"))).containsExactly("shot");
        assertThat(ledger.ids(now(), text("amirov july raid"))).isEmpty();
        assertThat(ledger.ids(now(), text("syria"))).isEmpty();
    }

    @Test
    void fullTextSearchesTheWordingAsOfTheMomentRead() {
        ledger.claim("shot").says("Amirov was one of the people shot dead in the Bishkek raid.")
                .recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        ledger.amended("shot", "Amirov was reported killed in the raid.", "reported killed", "Softer.",
                day("2015-07-22"), Instant.parse("2026-01-06T10:00:00Z"));

        assertThat(ledger.ids(published("2015-07-21"), text("shot dead"))).containsExactly("shot");
        assertThat(ledger.ids(published("2015-07-21"), text("reported"))).isEmpty();
        assertThat(ledger.ids(published("2015-07-22"), text("shot dead"))).isEmpty();
        assertThat(ledger.ids(published("2015-07-22"), text("reported"))).containsExactly("shot");
        assertThat(ledger.ids(recorded("2026-01-06T09:59:59.999Z"), text("shot"))).containsExactly("shot");
        assertThat(ledger.ids(recorded("2026-01-06T10:00:00Z"), text("shot"))).isEmpty();
    }

    @Test
    void aTermLongerThanTheWordIndexKeepsMustOccurWhole() {
        String word = "x".repeat(Words.MAX_LENGTH) + "abcdefghij";
        ledger.claim("long").says("The code " + word + " was seized.").recordedAt(Instant.parse("2026-01-05T10:00:00Z"));

        assertThat(ledger.ids(now(), text("x".repeat(Words.MAX_LENGTH) + "abc"))).containsExactly("long");
        // the index keeps the word's first 200 characters, which this term begins too; its text holds no such word
        assertThat(ledger.ids(now(), text("x".repeat(Words.MAX_LENGTH) + "abd"))).isEmpty();
    }

    @Test
    void fullTextTakesLikeWildcardsLiterally() {
        ledger.claim("percent").says("100% of the cell was armed.").recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        ledger.claim("hundred").says("100 people of the cell were armed.").recordedAt(Instant.parse("2026-01-05T10:01:00Z"));
        ledger.claim("underscore").says("The file cell_7 was seized.").recordedAt(Instant.parse("2026-01-05T10:02:00Z"));
        ledger.claim("letter").says("The file cellx7 was seized.").recordedAt(Instant.parse("2026-01-05T10:03:00Z"));
        ledger.claim("backslash").says("The path was c:\\cell.").recordedAt(Instant.parse("2026-01-05T10:04:00Z"));

        assertThat(ledger.ids(now(), text("100%"))).containsExactly("percent");
        // A term begins a word: a lone wildcard character begins none here (as a wildcard it would match them all).
        assertThat(ledger.ids(now(), text("%"))).isEmpty();
        assertThat(ledger.ids(now(), text("cell_7"))).containsExactly("underscore");
        assertThat(ledger.ids(now(), text("_"))).isEmpty();
        assertThat(ledger.ids(now(), text("c:\\cell"))).containsExactly("backslash");
        assertThat(ledger.ids(now(), text("\\"))).isEmpty();
        assertThat(ledger.ids(now(), text("cellx"))).containsExactly("letter");
    }

    @Test
    void aTermThatBeginsSeveralWordsFindsEachClaimOnceInPageOrderOnEveryPage() {
        // "amir" begins "amirov", "amirov's", "amirova" and "amirovs"; claims share asserted times (an article's claims
        // do) and their ids are not in time order: the page order is narrative time, then id
        String[] statements = {"Amirov was detained.", "Amirov's men fled.", "Amirova spoke.",
                "Both Amirovs and Amirov's aide were seen.", "Nobody else was."};
        record Expected(Instant at, String id) {
        }
        List<Expected> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "k-" + (char) ('t' - i % 7) + i;
            Instant at = day("2015-07-01").plusSeconds(3600L * (i % 3));
            ledger.claim(id).says(statements[i % 5]).assertedAt(at)
                    .recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
            if (i % 5 != 4) {
                expected.add(new Expected(at, id));
            }
        }
        expected.sort(java.util.Comparator.comparing(Expected::at).thenComparing(Expected::id));
        List<String> inOrder = expected.stream().map(Expected::id).toList();
        assertThat(ledger.ids(now(), text("amir"))).containsExactlyElementsOf(inOrder);
        assertThat(ledger.ids(now(), text("amirov's"))).containsExactlyElementsOf(expected.stream()
                .filter(e -> Integer.parseInt(e.id().substring(3)) % 5 % 2 == 1).map(Expected::id).toList());
        for (int limit = 1; limit <= 4; limit++) {
            assertThat(ledger.pages(now(), text("amir"), limit).stream().flatMap(List::stream).toList())
                    .as("limit %d", limit).containsExactlyElementsOf(inOrder);
        }
        // an amendment's new words keep the claim's place: they carry the claim's narrative time, not the amendment's
        ledger.amended("k-t0", "Amirovs were detained, the ministry now says.", null, "plural",
                day("2015-08-01"), Instant.parse("2026-01-06T10:00:00Z"));
        for (int limit = 1; limit <= 4; limit++) {
            assertThat(ledger.pages(now(), text("amir"), limit).stream().flatMap(List::stream).toList())
                    .as("limit %d", limit).containsExactlyElementsOf(inOrder);
        }
        assertThat(ledger.ids(now(), text("amirovs"))).contains("k-t0");
        assertThat(ledger.ids(now(), text("amirov nobody"))).isEmpty();
    }

    // ---- source, subject, topic, status, article ----

    @Test
    void theSourceFilterTakesAnyNameOrAliasAndCoversMergedEntities() {
        givenClaimsOfThreeSources();

        assertThat(ledger.ids(now(), bySource("KNB"))).containsExactly("knb-15", "knb-17");
        assertThat(ledger.ids(now(), bySource("national security committee of KAZAKHSTAN"))).containsExactly("knb-15", "knb-17");
        assertThat(ledger.ids(now(), bySource("Kyrgyzstan's security service"))).containsExactly("gknb-14");
        assertThat(ledger.ids(now(), bySource("IWPR"))).containsExactly("iwpr-16");
        assertThat(ledger.ids(now(), bySource("Kyrgyzstan’s security service"))).as("typographic apostrophe: another name")
                .isEmpty();
        assertThat(ledger.ids(now(), bySource("nobody"))).isEmpty();
    }

    @Test
    void theSubjectFilterTakesAnyNameOrAliasAndCoversMergedEntities() {
        givenClaimsOfThreeSources();

        assertThat(ledger.ids(now(), ClaimFilter.of("Zhanbolat Amirov", null, null, null))).containsExactly("gknb-14", "knb-15");
        assertThat(ledger.ids(now(), ClaimFilter.of("janbolat amirov", null, null, null))).containsExactly("gknb-14", "knb-15");
        assertThat(ledger.ids(now(), ClaimFilter.of("Kazakh group", null, null, null))).containsExactly("iwpr-16", "knb-17");
        assertThat(ledger.ids(now(), ClaimFilter.of("Atlantis", null, null, null))).isEmpty();
        assertThat(ledger.ids(now(), ClaimFilter.of("Zhanbolat Amirov", "KNB", null, null))).containsExactly("knb-15");
    }

    @Test
    void theTopicFilterIgnoresCase() {
        givenClaimsOfThreeSources();

        assertThat(ledger.ids(now(), ClaimFilter.of(null, null, "Amirov-Fate", null))).containsExactly("gknb-14", "knb-15");
        assertThat(ledger.ids(now(), ClaimFilter.of(null, null, "kazakh-group", null))).containsExactly("iwpr-16", "knb-17");
        assertThat(ledger.ids(now(), ClaimFilter.of(null, null, "amirov", null))).isEmpty();
    }

    @Test
    void theStatusFilterTakesTheStatusAsOfTheMomentRead() {
        givenClaimsOfThreeSources();
        ledger.disputed("gknb-14", "knb-15", null, day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z"));
        ledger.retracted("knb-17", "Denied by the KNB itself.", KNB.id(), day("2015-07-22"), Instant.parse("2026-01-06T11:00:00Z"));

        Set<ClaimStatus> disputed = Set.of(ClaimStatus.DISPUTED);
        assertThat(ledger.ids(published("2015-07-20"), ClaimFilter.of(null, null, null, disputed))).isEmpty();
        assertThat(ledger.ids(published("2015-07-21"), ClaimFilter.of(null, null, null, disputed))).containsExactly("gknb-14", "knb-15");
        assertThat(ledger.ids(published("2015-07-21"), ClaimFilter.of(null, null, null, Set.of(ClaimStatus.STANDING))))
                .containsExactly("iwpr-16", "knb-17");
        assertThat(ledger.ids(published("2015-07-22"), ClaimFilter.of(null, null, null, Set.of(ClaimStatus.STANDING, ClaimStatus.RETRACTED))))
                .containsExactly("iwpr-16", "knb-17");
        assertThat(ledger.ids(recorded("2026-01-06T10:30:00Z"), ClaimFilter.of(null, null, null, Set.of(ClaimStatus.RETRACTED)))).isEmpty();
        assertThat(ledger.ids(now(), ClaimFilter.of(null, null, null, Set.of()))).as("no statuses: any")
                .containsExactly("gknb-14", "iwpr-16", "knb-15", "knb-17");
    }

    @Test
    void theArticleFilterAndTheClaimsOfEachArticle() {
        ledger.claim("b-second").in("iwpr-firefight").assertedAt(day("2015-07-21")).recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        ledger.claim("a-first").in("iwpr-firefight").recordedAt(Instant.parse("2026-01-05T10:01:00Z"));
        ledger.claim("c-first-too").in("iwpr-firefight").recordedAt(Instant.parse("2026-01-05T10:02:00Z"));
        ledger.claim("rfe-1").in("rferl-raid").recordedAt(Instant.parse("2026-01-05T10:03:00Z"));

        assertThat(ledger.ids(now(), new ClaimFilter(null, null, null, null, "rferl-raid", null))).containsExactly("rfe-1");
        // in assertion order, then by id; claims have no time filter here
        assertThat(ledger.projection.claimIds(new ClaimIdsOf(List.of("iwpr-firefight", "rferl-raid", "unknown"))).byArticle())
                .isEqualTo(Map.of("iwpr-firefight", List.of("a-first", "c-first-too", "b-second"), "rferl-raid", List.of("rfe-1")));
        assertThat(ledger.projection.claimIds(new ClaimIdsOf(List.of())).byArticle()).isEmpty();
    }

    /** Claims 14 and 15 on Amirov's fate, 16 and 17 on the Kazakh group, each recorded as its number says. */
    private void givenClaimsOfThreeSources() {
        ledger.claim("gknb-14").by(GKNB).about(AMIROV.id()).onTopic("amirov-fate")
                .recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        ledger.claim("knb-15").byId("kazakh-security-service").about("zhanbolat-amirov").onTopic("amirov-fate")
                .recordedAt(Instant.parse("2026-01-05T10:01:00Z"));
        ledger.claim("iwpr-16").by(IWPR).about(KAZAKH_GROUP.id(), BISHKEK.id()).onTopic("kazakh-group")
                .recordedAt(Instant.parse("2026-01-05T10:02:00Z"));
        ledger.claim("knb-17").by(KNB).about(KAZAKH_GROUP.id()).onTopic("Kazakh-Group")
                .recordedAt(Instant.parse("2026-01-05T10:03:00Z"));
    }

    private static ClaimFilter bySource(String source) {
        return ClaimFilter.of(null, source, null, null);
    }

    // ---- pages ----

    @Test
    void pagesFollowAssertionTimeThenIdWithNeitherDuplicatesNorOmissions() {
        // recorded in an order unlike the list's, several on the same day
        String[][] claims = {{"k", "2015-07-22"}, {"c", "2015-07-20"}, {"a", "2015-07-21"}, {"j", "2015-07-20"},
                {"b", "2015-07-20"}, {"z", "2015-07-19"}, {"d", "2015-07-21"}};
        for (int i = 0; i < claims.length; i++) {
            ledger.claim(claims[i][0]).assertedAt(day(claims[i][1])).recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
        }
        List<String> all = List.of("z", "b", "c", "j", "a", "d", "k");
        assertThat(ledger.ids(now(), noFilter())).containsExactlyElementsOf(all);

        for (int size = 1; size <= 8; size++) {
            int limit = size;
            List<List<String>> pages = ledger.pages(now(), noFilter(), limit);
            assertThat(pages.stream().flatMap(List::stream).toList()).as("limit %d", limit).containsExactlyElementsOf(all);
            assertThat(pages.subList(0, pages.size() - 1)).as("limit %d", limit).allSatisfy(page -> assertThat(page).hasSize(limit));
        }
        // a page that ends exactly at the end of the list says so by having no next cursor
        assertThat(ledger.pages(now(), noFilter(), 7)).hasSize(1);
        // the cursors work on the recorded axis (k, c, a and j recorded by then) and under a filter too
        assertThat(ledger.pages(recorded("2026-01-05T10:00:03Z"), noFilter(), 2))
                .containsExactly(List.of("c", "j"), List.of("a", "k"));
        assertThat(ledger.pages(now(), ClaimFilter.of(null, null, null, Set.of(ClaimStatus.STANDING)), 3).stream()
                .flatMap(List::stream).toList()).containsExactlyElementsOf(all);
    }

    @Test
    void aRareMatchIsFoundPastManyCandidatesWithNeitherDuplicatesNorOmissions() {
        // 300 claims that all contain the search's lead (longest) word; a second term and a status keep only every
        // 37th, so a page is filled from several chunks of candidates (the reader checks the costly conditions a chunk
        // at a time, a page of candidates first)
        List<String> rare = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = "c-%03d".formatted(i);
            boolean match = i % 37 == 5;
            ledger.claim(id).says("Humanitarian convoy report " + i + (match ? " near the dam." : "."))
                    .assertedAt(day("2015-07-01").plusSeconds(60L * (i % 97))).recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
            if (match) {
                rare.add(id);
            }
        }
        for (String id : rare) {
            ledger.disputed(id, "c-000", null, day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z"));
        }
        List<String> inOrder = ledger.ids(now(), text("humanitarian dam"));
        assertThat(inOrder).containsExactlyInAnyOrderElementsOf(rare);
        ClaimFilter disputedConvoys = new ClaimFilter("humanitarian dam", null, null, null, null,
                Set.of(ClaimStatus.DISPUTED));
        for (int limit = 1; limit <= 4; limit++) {
            List<List<String>> pages = ledger.pages(now(), disputedConvoys, limit);
            assertThat(pages.stream().flatMap(List::stream).toList()).as("limit %d", limit).containsExactlyElementsOf(inOrder);
        }
        // c-000 disputes every rare one, and is the only other disputed claim: it has no "dam"
        assertThat(ledger.ids(now(), ClaimFilter.of(null, null, null, Set.of(ClaimStatus.DISPUTED))))
                .hasSize(rare.size() + 1).contains("c-000");
    }

    // ---- the disputed view ----

    @Test
    void theNextChunkOfCandidatesIsSizedByTheShareThatPassedSoFar() {
        // a term in one claim of twelve: 4 of the first 51 passed, 47 to go: about 600 more, a quarter more for chance
        assertThat(ClaimReader.nextChunk(47, 4, 51, 51)).isEqualTo(750);
        // none passed yet: four times the last chunk
        assertThat(ClaimReader.nextChunk(51, 0, 51, 51)).isEqualTo(204);
        // one of 51 passed, maybe by chance: at most sixteen times the last chunk
        assertThat(ClaimReader.nextChunk(50, 1, 51, 51)).isEqualTo(816);
        // most passed: never fewer than the page still misses
        assertThat(ClaimReader.nextChunk(5, 46, 51, 51)).isEqualTo(7);
        assertThat(ClaimReader.nextChunk(40, 50, 51, 51)).isEqualTo(51);
        // and never more than the largest chunk
        assertThat(ClaimReader.nextChunk(51, 0, 4096, 4096)).isEqualTo(ClaimReader.MOST_CANDIDATES);
    }

    @Test
    void theDisputedViewListsTheDisputesInForceWithBothClaimsAsOfTheMoment() {
        givenClaimsOfThreeSources();
        ledger.disputed("gknb-14", "knb-15", "He died before the raid.", day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z"));
        ledger.disputed("iwpr-16", "knb-17", "No such group.", day("2015-07-22"), Instant.parse("2026-01-06T11:00:00Z"));
        ledger.withdrawn("iwpr-16", "knb-17", "Recorded in error.", day("2015-07-24"), Instant.parse("2026-01-07T10:00:00Z"));
        ledger.retracted("gknb-14", "No longer said.", GKNB.id(), day("2015-07-31"), Instant.parse("2026-01-08T10:00:00Z"));

        assertThat(pairs(ledger.disputes(published("2015-07-20"), null, null))).isEmpty();
        assertThat(pairs(ledger.disputes(published("2015-07-21"), null, null))).containsExactly("gknb-14 by knb-15");
        assertThat(pairs(ledger.disputes(published("2015-07-23"), null, null))).containsExactly("gknb-14 by knb-15", "iwpr-16 by knb-17");
        assertThat(pairs(ledger.disputes(published("2015-07-24"), null, null))).as("withdrawn").containsExactly("gknb-14 by knb-15");
        assertThat(pairs(ledger.disputes(published("2015-07-31"), null, null))).as("a claim retracted").isEmpty();
        assertThat(pairs(ledger.disputes(recorded("2026-01-06T10:59:59.999Z"), null, null))).containsExactly("gknb-14 by knb-15");
        assertThat(pairs(ledger.disputes(recorded("2026-01-07T09:00:00Z"), null, null))).containsExactly("gknb-14 by knb-15", "iwpr-16 by knb-17");
        assertThat(pairs(ledger.disputes(recorded("2026-01-07T10:00:00Z"), null, null))).containsExactly("gknb-14 by knb-15");
        assertThat(pairs(ledger.disputes(recorded("2026-01-08T10:00:00Z"), null, null))).isEmpty();

        DisputeView dispute = ledger.disputes(published("2015-07-21"), null, null).items().get(0);
        assertThat(dispute.reason()).isEqualTo("He died before the raid.");
        assertThat(dispute.at()).isEqualTo(day("2015-07-21"));
        assertThat(dispute.claim().id()).isEqualTo("gknb-14");
        assertThat(dispute.claim().status()).isEqualTo(ClaimStatus.DISPUTED);
        assertThat(dispute.byClaim().id()).isEqualTo("knb-15");
        assertThat(dispute.byClaim().attributedTo()).isEqualTo(ClaimLedger.ref(KNB));
        assertThat(dispute.byClaim().status()).isEqualTo(ClaimStatus.DISPUTED);
    }

    @Test
    void aDisputeMatchesTheSubjectOrTopicFilterWhenEitherOfItsClaimsDoes() {
        ledger.claim("iwpr-16").by(IWPR).about(KAZAKH_GROUP.id()).onTopic("kazakh-group").recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        ledger.claim("knb-18").by(KNB).about(BISHKEK.id()).onTopic("syria-trip").recordedAt(Instant.parse("2026-01-05T10:01:00Z"));
        ledger.claim("gknb-14").by(GKNB).about(AMIROV.id()).onTopic("amirov-fate").recordedAt(Instant.parse("2026-01-05T10:02:00Z"));
        ledger.claim("knb-15").byId("kazakh-security-service").about("zhanbolat-amirov").onTopic("amirov-fate")
                .recordedAt(Instant.parse("2026-01-05T10:03:00Z"));
        ledger.disputed("iwpr-16", "knb-18", null, day("2015-07-20"), Instant.parse("2026-01-06T10:00:00Z"));
        ledger.disputed("gknb-14", "knb-15", null, day("2015-07-20"), Instant.parse("2026-01-06T10:01:00Z"));

        AsOf asOf = published("2015-07-20");
        // the disputed claim matches
        assertThat(pairs(ledger.disputes(asOf, "Kazakh group", null))).containsExactly("iwpr-16 by knb-18");
        assertThat(pairs(ledger.disputes(asOf, null, "KAZAKH-GROUP"))).containsExactly("iwpr-16 by knb-18");
        // the disputing claim matches
        assertThat(pairs(ledger.disputes(asOf, "Bishkek", null))).containsExactly("iwpr-16 by knb-18");
        assertThat(pairs(ledger.disputes(asOf, null, "syria-trip"))).containsExactly("iwpr-16 by knb-18");
        // any name of the subject; both filters at once
        assertThat(pairs(ledger.disputes(asOf, "Zhanbolat Amirov", "amirov-fate"))).containsExactly("gknb-14 by knb-15");
        assertThat(pairs(ledger.disputes(asOf, "Bishkek", "amirov-fate"))).isEmpty();
        assertThat(pairs(ledger.disputes(asOf, "Atlantis", null))).isEmpty();
        assertThat(pairs(ledger.disputes(asOf, null, null))).containsExactly("gknb-14 by knb-15", "iwpr-16 by knb-18");
    }

    @Test
    void theDisputedViewNeedsBothClaimsVisible() {
        // a dispute dated before the disputing claim was asserted can only come from a clock skew; it still waits for both claims
        ledger.claim("early").assertedAt(day("2015-07-20")).recordedAt(Instant.parse("2026-01-05T10:00:00Z"));
        ledger.claim("late").assertedAt(day("2015-07-22")).recordedAt(Instant.parse("2026-01-05T10:01:00Z"));
        ledger.disputed("early", "late", null, day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z"));

        assertThat(pairs(ledger.disputes(published("2015-07-21"), null, null))).isEmpty();
        assertThat(pairs(ledger.disputes(published("2015-07-22"), null, null))).containsExactly("early by late");
    }

    @Test
    void pagesOfDisputesHaveNeitherDuplicatesNorOmissions() {
        List<String> ids = List.of("a", "b", "c", "d", "e");
        for (int i = 0; i < ids.size(); i++) {
            ledger.claim(ids.get(i)).recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
        }
        // a is disputed by b, c and d; both directions between d and e; c by e
        String[][] disputes = {{"c", "e"}, {"a", "d"}, {"e", "d"}, {"a", "b"}, {"d", "e"}, {"a", "c"}};
        for (int i = 0; i < disputes.length; i++) {
            ledger.disputed(disputes[i][0], disputes[i][1], null, day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z").plusSeconds(i));
        }
        List<String> all = List.of("a by b", "a by c", "a by d", "c by e", "d by e", "e by d");
        assertThat(pairs(ledger.disputes(now(), null, null))).containsExactlyElementsOf(all);

        for (int limit = 1; limit <= 7; limit++) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                DisputePage page = ledger.projection.disputes(new ListDisputes(now(), null, null, limit, cursor));
                assertThat(page.items().size()).isLessThanOrEqualTo(limit);
                seen.addAll(pairs(page));
                cursor = page.next();
            } while (cursor != null && ++pages < 20);
            assertThat(seen).as("limit %d", limit).containsExactlyElementsOf(all);
        }
    }

    @Test
    void pagesOfDisputesAboutASubjectOrTopicHaveNeitherDuplicatesNorOmissions() {
        // Amirov is the subject of a, c and e (e under his merged id), Bishkek of b and d; topics alternate
        String[] subjects = {AMIROV.id(), BISHKEK.id(), AMIROV.id(), BISHKEK.id(), "zhanbolat-amirov", BISHKEK.id()};
        List<String> ids = List.of("a", "b", "c", "d", "e", "f");
        for (int i = 0; i < ids.size(); i++) {
            ledger.claim(ids.get(i)).about(subjects[i]).onTopic(i % 2 == 0 ? "even" : "odd")
                    .recordedAt(Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i));
        }
        String[][] disputes = {{"b", "d"}, {"a", "b"}, {"d", "f"}, {"c", "e"}, {"f", "b"}, {"e", "a"}, {"b", "c"},
                {"d", "b"}};
        for (int i = 0; i < disputes.length; i++) {
            ledger.disputed(disputes[i][0], disputes[i][1], null, day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z").plusSeconds(i));
        }
        // a pair disputed again after a withdrawal is listed once, with its dispute in force
        ledger.withdrawn("a", "b", "Recorded in error.", day("2015-07-22"), Instant.parse("2026-01-07T10:00:00Z"));
        ledger.disputed("a", "b", "Again.", day("2015-07-23"), Instant.parse("2026-01-07T11:00:00Z"));
        // one withdrawn for good: not in force now
        ledger.withdrawn("d", "f", "Recorded in error.", day("2015-07-22"), Instant.parse("2026-01-07T12:00:00Z"));

        Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("Zhanbolat Amirov", List.of("a by b", "b by c", "c by e", "e by a"));
        expected.put("Bishkek", List.of("a by b", "b by c", "b by d", "d by b", "f by b"));
        expected.put(null, List.of("a by b", "b by c", "b by d", "c by e", "d by b", "e by a", "f by b"));
        for (var filter : expected.entrySet()) {
            String subject = filter.getKey();
            assertThat(pairs(ledger.disputes(now(), subject, null))).as("about %s", subject)
                    .containsExactlyElementsOf(filter.getValue());
            for (String topic : List.of("even", "odd")) {
                List<String> onTopic = pairs(ledger.disputes(now(), subject, topic));
                assertThat(onTopic).as("about %s on %s", subject, topic).isSubsetOf(filter.getValue())
                        .isSortedAccordingTo(java.util.Comparator.naturalOrder());
                assertThat(pagedDisputes(subject, topic)).as("about %s on %s, in pages", subject, topic)
                        .containsExactlyElementsOf(onTopic);
            }
            assertThat(pagedDisputes(subject, null)).as("about %s, in pages", subject)
                    .containsExactlyElementsOf(filter.getValue());
        }
        assertThat(pairs(ledger.disputes(now(), null, "even"))).containsExactly("a by b", "b by c", "c by e", "e by a");
        assertThat(pairs(ledger.disputes(now(), null, "odd"))).containsExactly("a by b", "b by c", "b by d", "d by b",
                "f by b");
        assertThat(ledger.disputes(now(), null, null).items().get(0).reason()).isEqualTo("Again.");
    }

    /**
     * A subject of more claims than {@code ledger.search.few-matches} (3 here): its pairs come from a walk of every pair
     * in key order, kept when either claim is about it. In pages of every size, with and without a topic, they are the
     * unfiltered view's pairs with a claim about the subject — withdrawn, disputed again and retracted ones included.
     */
    @Test
    void pagesOfDisputesAboutASubjectOfManyClaimsAreTheViewsPairsWithAClaimAboutIt() {
        java.util.Random random = new java.util.Random(27);
        String[][] choices = {{AMIROV.id()}, {"zhanbolat-amirov"}, {BISHKEK.id()}, {AMIROV.id(), BISHKEK.id()}, {}};
        Map<String, Set<String>> about = Map.of("Zhanbolat Amirov", new java.util.HashSet<>(), "Bishkek",
                new java.util.HashSet<>());
        List<String> ids = new ArrayList<>();
        Instant at = Instant.parse("2026-01-05T10:00:00Z");
        for (int i = 0; i < 36; i++) {
            // ids whose key order is not the order they were recorded in
            String id = "m" + (char) ('a' + (i * 7) % 26) + i;
            String[] subjects = choices[random.nextInt(choices.length)];
            ledger.claim(id).about(subjects).onTopic(i % 3 == 0 ? "even" : "odd").recordedAt(at = at.plusSeconds(1));
            for (String subject : subjects) {
                about.get(subject.equals(BISHKEK.id()) ? "Bishkek" : "Zhanbolat Amirov").add(id);
            }
            ids.add(id);
        }
        // as the ledger allows: a pair is disputed again only after its dispute was withdrawn
        List<String[]> open = new ArrayList<>();
        Set<String> inForce = new java.util.HashSet<>();
        for (int i = 0; i < 60; i++) {
            String claim = ids.get(random.nextInt(ids.size()));
            String by = ids.get(random.nextInt(ids.size()));
            if (!claim.equals(by) && inForce.add(claim + " by " + by)) {
                ledger.disputed(claim, by, "round " + i, day("2015-07-21"), at = at.plusSeconds(1));
                open.add(new String[] {claim, by});
            }
        }
        for (int i = 0; i < 12; i++) {
            String[] pair = open.remove(random.nextInt(open.size()));
            ledger.withdrawn(pair[0], pair[1], "Recorded in error.", day("2015-07-22"), at = at.plusSeconds(1));
            if (i % 2 == 0) {
                ledger.disputed(pair[0], pair[1], "Again.", day("2015-07-23"), at = at.plusSeconds(1));
            }
        }
        ledger.retracted(ids.get(3), "Denied.", KNB.id(), day("2015-07-24"), at = at.plusSeconds(1));
        ledger.retracted(ids.get(17), "Denied.", KNB.id(), day("2015-07-24"), at.plusSeconds(1));

        List<String> every = pairs(ledger.disputes(now(), null, null));
        for (String subject : about.keySet()) {
            List<String> expected = every.stream().filter(pair -> {
                String[] claims = pair.split(" by ");
                return about.get(subject).contains(claims[0]) || about.get(subject).contains(claims[1]);
            }).toList();
            assertThat(about.get(subject).size()).as("claims about %s", subject).isGreaterThan(3);
            assertThat(expected.size()).as("pairs about %s", subject).isGreaterThan(8).isLessThan(every.size());
            assertThat(pairs(ledger.disputes(now(), subject, null))).as("about %s", subject).isEqualTo(expected);
            assertThat(pagedDisputes(subject, null)).as("about %s, in pages", subject).isEqualTo(expected);
            for (String topic : List.of("even", "odd")) {
                List<String> onTopic = pairs(ledger.disputes(now(), subject, topic));
                assertThat(onTopic).as("about %s on %s", subject, topic).isSubsetOf(expected)
                        .isEqualTo(pairs(ledger.disputes(now(), null, topic)).stream().filter(expected::contains).toList());
                assertThat(pagedDisputes(subject, topic)).as("about %s on %s, in pages", subject, topic)
                        .isEqualTo(onTopic);
            }
        }
    }

    /** The walk's pairs with a claim among the subject's, whatever the blocks it walks and the counts asked for. */
    @Test
    void aWalkKeepsThePairsWithAClaimAmongTheSubjectsWithNeitherDuplicatesNorOmissions() {
        List<ClaimReader.Pair> every = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            every.add(new ClaimReader.Pair("c" + (100 + i), "c" + (100 + (i * 13) % 40)));
        }
        Set<String> claims = Set.of("c101", "c104", "c105", "c117", "c139");
        List<ClaimReader.Pair> expected = every.stream()
                .filter(pair -> claims.contains(pair.claimId()) || claims.contains(pair.byClaimId())).toList();
        for (int block = 1; block <= 9; block++) {
            for (int count = 1; count <= 7; count++) {
                int[] given = {0};
                ClaimReader.PairCandidates walk = n -> {
                    List<ClaimReader.Pair> next = every.subList(given[0], Math.min(every.size(), given[0] + n));
                    given[0] += next.size();
                    return next;
                };
                ClaimReader.PairCandidates kept = ClaimReader.withAClaimAmong(claims, walk, block);
                List<ClaimReader.Pair> seen = new ArrayList<>();
                for (List<ClaimReader.Pair> next = kept.next(count); !next.isEmpty(); next = kept.next(count)) {
                    assertThat(next.size()).as("block %d, count %d", block, count).isLessThanOrEqualTo(count);
                    if (seen.size() + next.size() < expected.size()) {
                        assertThat(next).as("block %d, count %d: a full answer until the end", block, count)
                                .hasSize(count);
                    }
                    seen.addAll(next);
                }
                assertThat(seen).as("block %d, count %d", block, count).isEqualTo(expected);
            }
        }
    }

    /** Every dispute of a view, read in pages of each size from 1 to 8, each size's pages joined. */
    private List<String> pagedDisputes(String subject, String topic) {
        List<String> first = null;
        for (int limit = 1; limit <= 8; limit++) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                DisputePage page = ledger.projection.disputes(new ListDisputes(now(), subject, topic, limit, cursor));
                assertThat(page.items().size()).isLessThanOrEqualTo(limit);
                seen.addAll(pairs(page));
                cursor = page.next();
            } while (cursor != null && ++pages < 200);
            if (first == null) {
                first = seen;
            }
            assertThat(seen).as("limit %d", limit).isEqualTo(first);
        }
        return first;
    }

    private static List<String> pairs(DisputePage page) {
        return page.items().stream().map(d -> d.claim().id() + " by " + d.byClaim().id()).toList();
    }

    // ---- records ----

    @Test
    void eachSourcesRecordCountsItsClaimsAndThoseOfEntitiesMergedIntoItNow() {
        givenClaimsOfThreeSources();
        // the KNB made 15 (under its merged id), 17, 18 and 19
        ledger.claim("knb-18").by(KNB).recordedAt(Instant.parse("2026-01-05T10:04:00Z"));
        ledger.claim("knb-19").by(KNB).recordedAt(Instant.parse("2026-01-05T10:05:00Z"));
        ledger.disputed("gknb-14", "knb-15", null, day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z"));
        ledger.retracted("knb-17", "Denied.", KNB.id(), day("2015-07-22"), Instant.parse("2026-01-06T11:00:00Z"));
        ledger.corroborated("knb-15", "iwpr-16", null, day("2015-07-22"), Instant.parse("2026-01-06T12:00:00Z"));
        ledger.corroborated("knb-15", "gknb-14", null, day("2015-07-22"), Instant.parse("2026-01-06T12:01:00Z"));
        ledger.corroborated("knb-18", "iwpr-16", null, day("2015-07-22"), Instant.parse("2026-01-06T12:02:00Z"));
        // made by the KNB's corroborating claim, not corroborating a KNB claim
        ledger.corroborated("iwpr-16", "knb-19", null, day("2015-07-22"), Instant.parse("2026-01-06T12:03:00Z"));
        // recorded now, dated half a minute ahead of the ledger's clock (within the skew allowed): not yet in the record
        ledger.retracted("knb-18", "Withdrawn at the briefing.", KNB.id(), NOW.plusSeconds(30), NOW);

        var records = ledger.projection.records(new RecordsOf(Map.of(
                KNB.id(), KNB.memberIds(), GKNB.id(), GKNB.memberIds(), IWPR.id(), IWPR.memberIds(),
                BISHKEK.id(), BISHKEK.memberIds()))).byEntity();

        assertThat(records.get(KNB.id())).isEqualTo(new EntityRecord(4, 1, 1, 2));
        assertThat(records.get(GKNB.id())).isEqualTo(new EntityRecord(1, 1, 0, 0));
        assertThat(records.get(IWPR.id())).isEqualTo(new EntityRecord(1, 0, 0, 1));
        assertThat(records.get(BISHKEK.id())).isEqualTo(EntityRecord.NONE);
        // the merged id alone counts only what was recorded under it
        assertThat(ledger.projection.records(new RecordsOf(Map.of("kazakh-security-service", List.of("kazakh-security-service"))))
                .byEntity().get("kazakh-security-service")).isEqualTo(new EntityRecord(1, 1, 0, 1));
    }

    @Test
    void aClaimReadThroughTheListIsTheSameAsReadAlone() {
        givenClaimsOfThreeSources();
        ledger.disputed("gknb-14", "knb-15", "He died before the raid.", day("2015-07-21"), Instant.parse("2026-01-06T10:00:00Z"));

        for (AsOf asOf : List.of(published("2015-07-20"), published("2015-07-21"), recorded("2026-01-05T10:02:00Z"), now())) {
            for (ClaimView listed : ledger.list(asOf, noFilter()).items()) {
                assertThat(ledger.claim(listed.id(), asOf)).isEqualTo(listed);
            }
        }
    }
}
