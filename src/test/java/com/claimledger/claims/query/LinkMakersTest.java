package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimView;
import com.claimledger.ledger.projection.ProjectionDigest;
import com.claimledger.ledger.projection.Rebuild;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.claimledger.claims.query.ClaimLedger.day;
import static com.claimledger.claims.query.ClaimLedger.now;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims that made links (disputed or corroborated another claim) are marked on their own rows, and a read looks
 * up the links made by those alone — and by those whose marks are pending, so that no link goes unshown while its
 * maker's mark waits for the maker's row ({@link LinkMakers}).
 */
class LinkMakersTest {

    private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

    private ClaimLedger ledger;

    @BeforeEach
    void freshLedger() {
        ledger = ClaimLedger.fresh();
    }

    @AfterEach
    void dropLedger() {
        ledger.close();
    }

    private boolean marked(String claimId) {
        return Boolean.TRUE.equals(ledger.db.jdbc().queryForObject(
                "select makes_links from claim_view where claim_id = :id", Map.of("id", claimId), Boolean.class));
    }

    private static List<String> links(ClaimView view) {
        return java.util.stream.Stream.concat(view.disputes().stream().map(d -> d.claimId() + " " + d.role()),
                view.corroborations().stream().map(c -> c.claimId() + " " + c.role())).toList();
    }

    @Test
    void aClaimThatMadeALinkIsMarkedAndOneThatMadeNoneIsReadWithoutTheLinkTables() {
        ledger.claim("c-about").assertedAt(day("2015-07-01")).recordedAt(AT);
        ledger.claim("c-disputing").assertedAt(day("2015-07-02")).recordedAt(AT.plusSeconds(1));
        ledger.claim("c-agreeing").assertedAt(day("2015-07-03")).recordedAt(AT.plusSeconds(2));
        ledger.claim("c-plain").assertedAt(day("2015-07-04")).recordedAt(AT.plusSeconds(3));
        ledger.disputed("c-about", "c-disputing", "Contradicted.", day("2015-07-05"), AT.plusSeconds(4));
        ledger.corroborated("c-about", "c-agreeing", "Agrees.", day("2015-07-06"), AT.plusSeconds(5));

        assertThat(List.of("c-about", "c-disputing", "c-agreeing", "c-plain")).map(this::marked)
                .containsExactly(false, true, true, false);
        assertThat(ledger.db.count("claim_maker_pending")).isZero();
        assertThat(links(ledger.claim("c-disputing", now()))).containsExactly("c-about DISPUTES");
        assertThat(links(ledger.claim("c-agreeing", now()))).containsExactly("c-about CORROBORATES");
        assertThat(links(ledger.claim("c-about", now()))).containsExactlyInAnyOrder("c-disputing DISPUTED_BY",
                "c-agreeing CORROBORATED_BY");
        // a claim that made no link and had no event of its own asks no link table at all
        assertThat(ledger.db.statementsRun(() -> ledger.claim("c-plain", now())))
                .noneMatch(statement -> statement.sql().contains("claim_dispute")
                        || statement.sql().contains("claim_corroboration"));
        assertThat(ledger.db.statementsRun(() -> ledger.claim("c-disputing", now())))
                .anyMatch(statement -> statement.sql().contains("claim_dispute y"))
                .anyMatch(statement -> statement.sql().contains("claim_corroboration y"));
    }

    /**
     * The link handled before its maker's recording (two segments of the projection, each at its own pace): the mark
     * stays pending, and a read shows the maker's link all the same; once the maker's row is there a sweep marks it.
     */
    @Test
    void aLinkHandledBeforeItsMakersRecordingIsShownWhileItsMarkIsPending() {
        ledger.claim("c-about").assertedAt(day("2015-07-01")).recordedAt(AT);
        ledger.disputed("c-about", "c-late", "Contradicted.", day("2015-07-05"), AT.plusSeconds(4));
        ledger.corroborated("c-about", "c-late-too", "Agrees.", day("2015-07-06"), AT.plusSeconds(5));
        assertThat(ledger.db.count("claim_maker_pending")).isEqualTo(2);

        ledger.claim("c-late").assertedAt(day("2015-07-02")).recordedAt(AT.plusSeconds(1));
        assertThat(marked("c-late")).isFalse();
        assertThat(links(ledger.claim("c-late", now()))).containsExactly("c-about DISPUTES");
        assertThat(ledger.list(now(), ClaimLedger.noFilter()).items()).filteredOn(v -> v.id().equals("c-late"))
                .singleElement().extracting(LinkMakersTest::links).asList().containsExactly("c-about DISPUTES");

        // swept: c-late is marked, c-late-too (no row yet) stays pending
        assertThat(ledger.makers.sweep()).isTrue();
        assertThat(marked("c-late")).isTrue();
        assertThat(ledger.db.jdbc().queryForList("select by_claim_id from claim_maker_pending", Map.of(), String.class))
                .containsExactly("c-late-too");
        assertThat(links(ledger.claim("c-late", now()))).containsExactly("c-about DISPUTES");

        ledger.claim("c-late-too").assertedAt(day("2015-07-03")).recordedAt(AT.plusSeconds(2));
        assertThat(links(ledger.claim("c-late-too", now()))).containsExactly("c-about CORROBORATES");
        assertThat(ledger.makers.sweep()).isFalse();
        assertThat(marked("c-late-too")).isTrue();
        assertThat(ledger.db.count("claim_maker_pending")).isZero();
    }

    /** A replay feeds the events in order on one thread: the maker's row is there, and is marked at once. */
    @Test
    void aReplayMarksTheMakerAtOnce() {
        ledger.claim("c-about").assertedAt(day("2015-07-01")).recordedAt(AT);
        ledger.claim("c-disputing").assertedAt(day("2015-07-02")).recordedAt(AT.plusSeconds(1));
        Rebuild.during(() -> {
            ledger.disputed("c-about", "c-disputing", "Contradicted.", day("2015-07-05"), AT.plusSeconds(4));
            return null;
        });
        assertThat(ledger.db.count("claim_maker_pending")).isZero();
        assertThat(marked("c-disputing")).isTrue();
    }

    /**
     * The views' checksum leaves the mark out: it may lag its links for a moment, where a replay of the same ledger
     * sets it at once, and the checksum is the same before and after a replay (SPEC).
     */
    @Test
    void theViewsChecksumLeavesTheMarkOut() {
        ledger.claim("c-about").assertedAt(day("2015-07-01")).recordedAt(AT);
        ledger.claim("c-disputing").assertedAt(day("2015-07-02")).recordedAt(AT.plusSeconds(1));
        ledger.disputed("c-about", "c-disputing", "Contradicted.", day("2015-07-05"), AT.plusSeconds(4));
        ProjectionDigest.Part marked = ledger.projection.digest(new ProjectionDigest.Ask());
        ledger.db.jdbc().update("update claim_view set makes_links = false", Map.of());
        ProjectionDigest.Part unmarked = ledger.projection.digest(new ProjectionDigest.Ask());
        assertThat(unmarked.sha256()).isNotNull().isEqualTo(marked.sha256());
        ledger.db.jdbc().update("update claim_view set version = version + 1 where claim_id = 'c-about'", Map.of());
        assertThat(ledger.projection.digest(new ProjectionDigest.Ask()).sha256()).isNotEqualTo(marked.sha256());
    }
}
