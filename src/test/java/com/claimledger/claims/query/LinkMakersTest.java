package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimView;
import com.claimledger.ledger.projection.ProjectionDigest;
import com.claimledger.ledger.projection.Rebuild;
import com.claimledger.ledger.projection.QueryStatistics;
import com.claimledger.support.ProjectionDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

    /**
     * A maker marked already (it made an earlier link) whose later link's mark is pending: the sweep removes the
     * pending mark without writing the maker's row again, and finds the pending marks by the maker's id on an index
     * (without it, each removal read every pending mark: while a lagging segment leaves thousands of them, the sweep
     * took as much of the machine as the projection itself).
     */
    @Test
    void aMakerMarkedAlreadyIsNotWrittenAgainAndItsPendingMarksAreFoundByIndex() {
        ledger.claim("c-about").assertedAt(day("2015-07-01")).recordedAt(AT);
        ledger.claim("c-other").assertedAt(day("2015-07-01")).recordedAt(AT.plusSeconds(1));
        ledger.claim("c-disputing").assertedAt(day("2015-07-02")).recordedAt(AT.plusSeconds(2));
        ledger.disputed("c-about", "c-disputing", "Contradicted.", day("2015-07-05"), AT.plusSeconds(4));
        assertThat(marked("c-disputing")).isTrue();
        // a second link of the maker's, its pending mark not swept yet
        ledger.db.jdbc().update("insert into claim_maker_pending (claim_id, version, by_claim_id)"
                + " values ('c-other', 7, 'c-disputing')", Map.of());

        var statements = ledger.db.statementsRun(() -> assertThat(ledger.makers.sweep()).isFalse());
        assertThat(statements).noneMatch(statement -> statement.sql().startsWith("update claim_view"))
                .anyMatch(statement -> statement.sql().startsWith("delete from claim_maker_pending"));
        assertThat(ledger.db.count("claim_maker_pending")).isZero();
        assertThat(marked("c-disputing")).isTrue();
        assertThat(ledger.db.jdbc().queryForList("explain delete from claim_maker_pending where by_claim_id = :by",
                Map.of("by", "c-disputing"), String.class)).singleElement().asString()
                .containsIgnoringCase("claim_maker_pending_by");
    }

    /**
     * A maker's row held by another transaction (a batch of the projection under way) is skipped, not waited for: the
     * sweep marks the others, in one transaction, and leaves that maker pending until a later sweep.
     */
    @Test
    void aMakerWhoseRowAnotherTransactionHoldsIsLeftPendingNotWaitedFor() throws Exception {
        ledger.claim("c-about").assertedAt(day("2015-07-01")).recordedAt(AT);
        ledger.disputed("c-about", "c-held", "Contradicted.", day("2015-07-05"), AT.plusSeconds(4));
        ledger.corroborated("c-about", "c-free", "Agrees.", day("2015-07-06"), AT.plusSeconds(5));
        ledger.claim("c-held").assertedAt(day("2015-07-02")).recordedAt(AT.plusSeconds(1));
        ledger.claim("c-free").assertedAt(day("2015-07-03")).recordedAt(AT.plusSeconds(2));
        assertThat(ledger.db.count("claim_maker_pending")).isEqualTo(2);

        javax.sql.DataSource dataSource = ledger.db.jdbc().getJdbcTemplate().getDataSource();
        try (java.sql.Connection batch = dataSource.getConnection()) {
            batch.setAutoCommit(false);
            try (var statement = batch.createStatement()) {
                statement.executeUpdate("update claim_view set version = version where claim_id = 'c-held'");
            }
            long started = System.nanoTime();
            assertThat(ledger.makers.sweep()).as("c-held left pending").isTrue();
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("not waited for")
                    .isLessThan(java.time.Duration.ofSeconds(5));
            assertThat(marked("c-free")).isTrue();
            assertThat(ledger.db.jdbc().queryForList("select by_claim_id from claim_maker_pending", Map.of(),
                    String.class)).containsExactly("c-held");
            batch.commit();
        }
        assertThat(ledger.makers.sweep()).isFalse();
        assertThat(marked("c-held")).isTrue();
        assertThat(ledger.db.count("claim_maker_pending")).isZero();
    }

    /** Makers with rows are swept many a transaction: 600 makers, three transactions (of 256 at most). */
    @Test
    void makersAreSweptManyATransaction() {
        ledger.claim("c-about").assertedAt(day("2015-07-01")).recordedAt(AT);
        for (int i = 0; i < 600; i++) {
            ledger.claim("c-maker-" + i).assertedAt(day("2015-07-02")).recordedAt(AT.plusSeconds(1));
            ledger.db.jdbc().update("insert into claim_maker_pending (claim_id, version, by_claim_id)"
                    + " values ('c-about', :version, :by)", Map.of("version", i + 1, "by", "c-maker-" + i));
        }
        var statements = ledger.db.statementsRun(() -> assertThat(ledger.makers.sweep()).isFalse());
        assertThat(statements.stream().filter(statement -> statement.sql().startsWith("update claim_view"))
                .mapToLong(QueryStatistics.Statement::executions).sum()).isEqualTo(3);
        assertThat(ledger.db.count("claim_maker_pending")).isZero();
        assertThat(ledger.db.jdbc().queryForObject("select count(*) from claim_view where makes_links",
                Map.of(), Long.class)).isEqualTo(600);
    }

    /**
     * The node stops while a sweep is under way, on a file database: the stop waits for the sweep and does not
     * interrupt it — an interrupt in a read or write of H2's file closes H2's store under every thread of the JVM (the
     * forty-fifth round's anchor, docs/benchmarks.md, forty-sixth round) — and the sweep starts no further
     * transaction. Nothing is lost: what it left is pending, and the next sweep marks it.
     */
    @Test
    void aStopWaitsForTheSweepUnderWayWithoutInterruptingItAndLeavesTheRestPending(@TempDir Path dir) throws Exception {
        try (ProjectionDatabase file = ProjectionDatabase.inFile(dir)) {
            ClaimLedger onFile = ClaimLedger.on(file);
            onFile.claim("c-about").assertedAt(day("2015-07-01")).recordedAt(AT);
            for (int i = 0; i < 600; i++) {
                onFile.claim("c-maker-" + i).assertedAt(day("2015-07-02")).recordedAt(AT.plusSeconds(1));
                file.jdbc().update("insert into claim_maker_pending (claim_id, version, by_claim_id)"
                        + " values ('c-about', :version, :by)", Map.of("version", i + 1, "by", "c-maker-" + i));
            }
            DataSource real = file.jdbc().getJdbcTemplate().getDataSource();
            CountDownLatch sweeping = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            // The sweep's first connection waits here: a sweep under way when the node stops.
            DataSource gated = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                        if (method.getName().equals("getConnection") && sweeping.getCount() > 0) {
                            sweeping.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                interrupted.set(true);
                                Thread.currentThread().interrupt(); // as a read of H2's file would have been
                            }
                        }
                        return method.invoke(real, arguments);
                    });
            LinkMakers makers = new LinkMakers(new NamedParameterJdbcTemplate(gated), gated);
            makers.sweepWhatWasLeft();
            assertThat(sweeping.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stop = CompletableFuture.runAsync(makers::stop);
            Thread.sleep(200);
            assertThat(stop).as("the stop waits for the sweep under way").isNotDone();
            release.countDown();
            stop.get(30, TimeUnit.SECONDS);

            assertThat(interrupted).as("the sweep was interrupted").isFalse();
            file.jdbc().getJdbcTemplate().execute("create table still_open (id int)");
            assertThat(file.count("claim_maker_pending")).as("no transaction after the stop").isEqualTo(600);
            assertThat(LinkMakers.sweepingAtOnce(file.jdbc()).sweep()).isFalse();
            assertThat(file.count("claim_maker_pending")).isZero();
            assertThat(file.jdbc().queryForObject("select count(*) from claim_view where makes_links", Map.of(),
                    Long.class)).isEqualTo(600);
        }
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
