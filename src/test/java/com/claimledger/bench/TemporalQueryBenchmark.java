package com.claimledger.bench;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.claims.api.ClaimQueries.ClaimFilter;
import com.claimledger.claims.api.ClaimQueries.ClaimPage;
import com.claimledger.claims.api.ClaimQueries.DisputePage;
import com.claimledger.claims.api.ClaimQueries.FindClaim;
import com.claimledger.claims.api.ClaimView;
import com.claimledger.claims.api.ClaimQueries.ListClaims;
import com.claimledger.claims.api.ClaimQueries.ListDisputes;
import com.claimledger.dossier.DossierImporter;
import com.claimledger.time.AsOf;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The temporal SQL alone, without HTTP or JSON: the queries behind {@code /api/views/current?topic=&asOf=} on both
 * axes and {@code /api/views/disputed?subject=}, a claim by its id ({@code /api/claims/{id}}) and a search for a word
 * ({@code /api/claims?q=}), through the query bus to the claims projection's reader, over a
 * ledger of {@code claims} synthetic claims (the harness's corpus) on the embedded H2 file database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TemporalQueryBenchmark {

    @Param("2000")
    public int claims;

    private Path dir;
    private ConfigurableApplicationContext app;
    private QueryGateway queries;
    private Corpus corpus;
    private final List<Instant> moments = new ArrayList<>();
    private final Random random = new Random(11);

    @Setup
    public void ledger() throws Exception {
        dir = Files.createTempDirectory("claim-ledger-jmh");
        app = new SpringApplicationBuilder(ClaimLedgerApplication.class).run("--ledger.data-dir=" + dir,
                "--server.port=0", "--ledger.seed.enabled=false", "--logging.level.root=WARN",
                "--spring.main.banner-mode=off");
        queries = app.getBean(QueryGateway.class);
        DossierImporter importer = app.getBean(DossierImporter.class);
        Clock clock = app.getBean(Clock.class);
        corpus = new Corpus(claims);
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("jmh", null, List.of()));
        try {
            while (corpus.claims() < claims) {
                importer.apply(corpus.next(Math.min(500, claims - corpus.claims())));
                moments.add(clock.instant());
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @TearDown
    public void close() {
        app.close();
        FileSystemUtils.deleteRecursively(dir.toFile());
    }

    @Benchmark
    public ClaimPage currentByTopicAsOfPublished() {
        Instant at = corpus.randomDay(random).atStartOfDay().toInstant(ZoneOffset.UTC);
        return queries.query(new ListClaims(new AsOf(at, AsOf.Axis.PUBLISHED),
                ClaimFilter.of(null, null, corpus.randomTopic(random), Set.of()), 50, null), ClaimPage.class).join();
    }

    @Benchmark
    public ClaimPage currentByTopicAsOfRecorded() {
        Instant at = moments.get(random.nextInt(moments.size()));
        return queries.query(new ListClaims(new AsOf(at, AsOf.Axis.RECORDED),
                ClaimFilter.of(null, null, corpus.randomTopic(random), Set.of()), 50, null), ClaimPage.class).join();
    }

    /**
     * A claim by its id, as recorded now: the lightest query on the bus, so that what every query pays beyond its SQL
     * (the bus, its unit of work and transaction, the claim's assembly) is most of its figure (thirty-fourth round).
     */
    @Benchmark
    public Optional<ClaimView> claimById() {
        return queries.query(new FindClaim(corpus.randomClaim(random), AsOf.now(Clock.systemUTC())),
                ResponseTypes.optionalInstanceOf(ClaimView.class)).join();
    }

    /** A search for one word of the corpus's ({@code /api/claims?q=}): the word index, then the page's assembly. */
    @Benchmark
    public ClaimPage searchByWord() {
        String word = Corpus.SEARCH_WORDS.get(random.nextInt(Corpus.SEARCH_WORDS.size()));
        return queries.query(new ListClaims(AsOf.now(Clock.systemUTC()),
                new ClaimFilter(word, null, null, null, null, Set.of()), 50, null), ClaimPage.class).join();
    }

    @Benchmark
    public DisputePage disputedBySubject() {
        return queries.query(new ListDisputes(AsOf.now(Clock.systemUTC()), corpus.randomName(random), null, 50, null),
                DisputePage.class).join();
    }
}
