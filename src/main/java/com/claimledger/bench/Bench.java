package com.claimledger.bench;

import com.claimledger.claims.api.ClaimWrites.NewAmendment;
import com.claimledger.kernel.RecordedNotYetVisible;
import com.claimledger.dossier.Dossier;
import com.claimledger.dossier.DossierImporter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.FileSystemUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * One run of the harness: a node on a fresh data directory is filled to each checkpoint by dossier imports (over
 * HTTP and in-process, alternately), and at each checkpoint the reads (with {@code --clients} clients, then with one),
 * the replay and the raw event read are measured;
 * then single writes, the start-up of a second node over the final ledger, the raw JDBC copy of the ledger's rows,
 * and the anchor replay. Everything runs in this JVM, so the peak heap is the whole run's.
 */
final class Bench {

    record Options(Class<?> application, int claims, List<Integer> checkpoints, Path out, int clients, int requests,
                   Load.Warmup warmup,
                   int writes, int ceilingRequests, int dossierSize, long anchorTimeoutSeconds, Path work,
                   boolean keep, List<String> settings, java.util.Set<Step> skip, Store store, int nodes, Path reuse,
                   int replays) {

        /** The measured nodes' settings: the database's, then the run's own. */
        List<String> nodeSettings() {
            List<String> all = new ArrayList<>(store.nodeSettings());
            all.addAll(settings);
            return all;
        }
    }

    /**
     * The steps a quick comparison may leave out (ingest is always measured). {@code ONE_CLIENT}: the reads measured
     * again with one client at a time, beside the no-op's ceiling with one client — what a read costs, apart from the
     * wait behind the other clients' requests that {@code --clients} adds on this machine's cores (left out when
     * {@code --clients} is 1 already, or the reads are).
     */
    enum Step { READS, ONE_CLIENT, REPLAY, WRITES, STARTUP, RAW_INSERT, ANCHOR }

    /** A read's figure at a checkpoint: its name, its load's stats, and whether one client sent it. */
    private record MeasuredRead(String name, Load.Stats stats, boolean oneClient) {
    }

    /**
     * The reads at a checkpoint and their limits measured just before them: the no-op's ceiling with {@code
     * --clients} clients, and with one ({@code null} when the reads were not measured with one client).
     */
    private record CheckpointReads(Load.Stats ceiling, Load.Stats ceilingAlone, List<MeasuredRead> reads,
                                   Map<String, DatabaseWork.Asked> asked) {
    }

    /** Ingest measured over one stretch of the ledger (from the previous checkpoint to this one). */
    private record Ingest(long toClaims, long httpClaims, double httpSeconds, long busClaims, double busSeconds) {
    }

    /** A replay measured at a checkpoint: the {@code round}th of {@code rounds} there, one after another. */
    private record Replay(long atClaims, int round, int rounds, long events, double seconds) {
    }

    private final Options options;
    private final PrintWriter out;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final String editor = token();
    private final String admin = token();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Instant> recordedMoments = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> limits = new LinkedHashMap<>();
    /** Ledger entries (events) at each checkpoint: the sizes are entries, the corpus counts claims. */
    private final Map<Long, Long> entriesAt = new LinkedHashMap<>();
    /** The H2 file's size at each checkpoint (none on PostgreSQL): what a ledger of that size takes on disk. */
    private final Map<Long, Long> fileBytesAt = new LinkedHashMap<>();
    private final long began = System.nanoTime();
    private final Heap heap = new Heap();
    /** Imports that were stored but answered before the views showed them (202 / RecordedNotYetVisible). */
    private int lateDossiers;

    Bench(Options options, PrintWriter out) {
        this.options = options;
        this.out = out;
    }

    Map<String, Object> run() throws IOException, SQLException, InterruptedException {
        Path work = options.work() != null ? Files.createDirectories(options.work())
                : Files.createTempDirectory("claim-ledger-bench");
        try {
            return run(work);
        } finally {
            if (!options.keep()) {
                FileSystemUtils.deleteRecursively(work);
            }
        }
    }

    private Map<String, Object> run(Path work) throws IOException, SQLException, InterruptedException {
        // A kept ledger is measured where it lies; it is never deleted with the work directory.
        Path data = options.reuse() != null ? options.reuse() : work.resolve("data");
        Corpus corpus = new Corpus(options.claims());
        List<Ingest> ingests = new ArrayList<>();
        List<Replay> replays = new ArrayList<>();
        Map<Long, Limits.RawRead> rawReads = new LinkedHashMap<>();
        Map<Long, CheckpointReads> reads = new LinkedHashMap<>();
        Load.Stats ceiling;
        Load.Stats writes;
        double emptyStart;
        progress("starting " + options.nodes() + " node(s) on " + options.store().describe());
        List<Node> cluster = new ArrayList<>();
        try (Node node = Node.start(options.application(), data, editor, admin, options.nodeSettings())) {
            emptyStart = node.startSeconds;
            for (int n = 1; n < options.nodes(); n++) {
                cluster.add(Node.start(options.application(), work.resolve("data-" + n), editor, admin,
                        options.nodeSettings()));
            }
            List<URI> bases = new ArrayList<>(List.of(node.base));
            cluster.forEach(other -> bases.add(other.base));
            Load load = new Load(bases, options.clients());
            progress("HTTP no-op ceiling: GET /actuator/health");
            ceiling = load.run(ceilingWarmup(), options.ceilingRequests(), i -> load.get("/actuator/health"), 200);
            progress("  " + ceiling);
            Load alone = options.clients() > 1 && !options.skip().contains(Step.READS)
                    && !options.skip().contains(Step.ONE_CLIENT) ? new Load(bases, 1) : null;
            DossierImporter importer = node.context.getBean(DossierImporter.class);
            Clock clock = node.context.getBean(Clock.class);
            long from = 0;
            int dossiers = 0;
            List<Integer> stops = new ArrayList<>(options.checkpoints());
            if (!stops.contains(options.claims())) {
                stops.add(options.claims());
            }
            for (int stop : stops) {
                long httpClaims = 0;
                long busClaims = 0;
                long httpNanos = 0;
                long busNanos = 0;
                // At least two dossiers a stretch, so that both ways of importing are measured over it.
                int size = (int) Math.max(1, Math.min(options.dossierSize(), (stop - from + 1) / 2));
                if (options.reuse() != null) {
                    // The same dossiers as the run that made the ledger, generated again and not imported: the reads
                    // draw their parameters from them. Only the final size is measured.
                    while (corpus.claims() < stop) {
                        corpus.next(Math.min(size, stop - corpus.claims()));
                        dossiers++;
                    }
                    from = stop;
                    if (stop != stops.get(stops.size() - 1)) {
                        continue;
                    }
                    recordedMoments.addAll(momentsOf(node, corpus.claims(), options.dossierSize()));
                }
                while (corpus.claims() < stop) {
                    Dossier dossier = corpus.next(Math.min(size, stop - corpus.claims()));
                    int claims = dossier.claims().size();
                    // Per dossier, so that a long run shows its ingest rate while it runs.
                    if (dossiers++ % 2 == 0) {
                        // Over HTTP to the nodes in turn; the amendments to the node that took the import.
                        URI base = bases.get((dossiers / 2) % bases.size());
                        httpNanos += importOverHttp(base, dossier);
                        httpClaims += claims;
                        amend(base, dossier);
                    } else {
                        busNanos += importInProcess(importer, dossier);
                        busClaims += claims;
                    }
                    recordedMoments.add(clock.instant());
                    if (dossiers % 50 == 0) {
                        progress(String.format("  %,d claims: POST /api/import %.1f, in-process %.1f claims/s so far",
                                corpus.claims(), httpClaims / (httpNanos / 1e9), busClaims / (busNanos / 1e9)));
                    }
                }
                if (options.reuse() == null) {
                    ingests.add(new Ingest(stop, httpClaims, httpNanos / 1e9, busClaims, busNanos / 1e9));
                    progress(String.format("  ingest: POST /api/import %.1f claims/s, in-process %.1f claims/s",
                            httpClaims / (httpNanos / 1e9), busClaims / (busNanos / 1e9)));
                }
                long entries = node.context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                        .queryForObject("select count(*) from ledger_entry", Long.class);
                entriesAt.put((long) stop, entries);
                Path file = data.resolve("ledger.mv.db");
                if (Files.exists(file)) {
                    fileBytesAt.put((long) stop, Files.size(file));
                }
                progress(String.format("ledger at %,d claims, %,d entries (%,d dossiers), file %,d MiB", corpus.claims(),
                        entries, dossiers, Files.exists(file) ? Files.size(file) / 1048576 : 0));
                from = stop;
                heap.measure();
                if (options.checkpoints().contains(stop) || options.reuse() != null) {
                    if (!options.skip().contains(Step.READS)) {
                        // The ceiling before the reads is measured on nodes whose health answers 200: right after an
                        // ingest the projections may still be catching up (on PostgreSQL they were), and health then
                        // answers 503. The reads, too, then see the ledger the ingest wrote.
                        long waited = System.nanoTime();
                        bases.forEach(Node::awaitUp);
                        if (System.nanoTime() - waited > 500_000_000L) {
                            progress(String.format("  the projections caught up after %.1f s",
                                    (System.nanoTime() - waited) / 1e9));
                        }
                        reads.put((long) stop, reads(load, alone, corpus, node, bases.size() == 1
                                && !options.store().postgres() ? new DatabaseWork(node.context.getBean(
                                org.springframework.jdbc.core.JdbcTemplate.class)) : null));
                        heap.measure();
                    }
                    if (!options.skip().contains(Step.REPLAY)) {
                        for (int round = 1; round <= options.replays(); round++) {
                            replays.add(replay(node.base, stop, round));
                            progress("    " + replays.get(replays.size() - 1));
                        }
                        rawReads.put((long) stop, Limits.readEvents(node.context.getBean(DataSource.class)));
                        progress("  limit: raw event read " + rawReads.get((long) stop));
                        heap.measure();
                    }
                }
            }
            writes = null;
            if (!options.skip().contains(Step.WRITES)) {
                progress("single writes: POST /api/claims");
                // A kept ledger (--reuse) may hold an earlier run's single writes: these are numbered after them, or
                // they would be repeats of recorded claims (200, not 201).
                Long last = node.context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                        .queryForObject("select max(cast(substring(claim_id, 3) as bigint)) from claim_view"
                                + " where claim_id like 'w-%'", Long.class);
                int first = last == null ? 0 : Math.toIntExact(last + 1);
                writes = load.run(options.warmup(), options.writes(), i -> load.get("/api/claims")
                        .header("Authorization", "Bearer " + editor).header("Content-Type", "application/json")
                        .post(write(corpus.single(first + i, new Random(i)))), 201);
                progress("  " + writes);
                heap.measure();
            }
        } finally {
            cluster.forEach(Node::close);
        }
        long finalClaims = corpus.claims() + (writes == null ? 0 : writes.warmupRequests() + options.writes());
        Double finalStart = null;
        if (!options.skip().contains(Step.STARTUP)) {
            progress("start-up of a node over the final ledger");
            try (Node node = Node.start(options.application(), data, editor, admin, options.nodeSettings())) {
                finalStart = node.startSeconds;
                heap.measure();
            }
            progress("  " + finalStart + " s");
        }
        Limits.RawInsert insert = null;
        if (!options.skip().contains(Step.RAW_INSERT)) {
            progress("limit: raw JDBC batch insert of the ledger's rows");
            insert = Limits.copyLedger(options.store(), data, work.resolve("raw"));
            progress("  " + insert);
        }
        Anchor.Result anchor = null;
        long events = rawReads.isEmpty() ? 0 : rawReads.values().stream().mapToLong(Limits.RawRead::events).max().orElse(0);
        if (!options.skip().contains(Step.ANCHOR)) {
            progress("anchor: the replay with Axon's default processor settings");
            List<String> anchorSettings = new ArrayList<>(options.store().nodeSettings());
            anchorSettings.addAll(Anchor.settings());
            try (Node node = Node.start(options.application(), data, editor, admin, anchorSettings)) {
                Long total = node.context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                        .queryForObject("select count(*) from domain_event_entry", Long.class);
                events = total == null ? 0 : total;
                anchor = Anchor.rebuild(node, events, options.anchorTimeoutSeconds());
                heap.measure();
            }
            progress("  " + anchor);
        }
        long peakHeap = heap.peakBytes();
        long heapAfterAny = heap.afterAnyCollectionBytes();
        int fullCollections = heap.fullCollections();
        progress(String.format("heap: live %.1f MiB at most (after full collections), %.1f MiB after any collection,"
                + " %d full collections the JVM ran on its own", peakHeap / 1048576.0, heapAfterAny / 1048576.0,
                fullCollections));
        long maxHeap = Runtime.getRuntime().maxMemory();

        // The figures, each against its limit (a step left out by --skip leaves its figures and limits out).
        Double rawClaimsPerSecond = insert == null ? null : finalClaims / insert.seconds();
        limits.put("httpCeiling", ceiling);
        Map<Long, Load.Stats> ceilingAt = new LinkedHashMap<>();
        Map<Long, Load.Stats> ceilingAloneAt = new LinkedHashMap<>();
        reads.forEach((stop, measured) -> {
            ceilingAt.put(stop, measured.ceiling());
            if (measured.ceilingAlone() != null) {
                ceilingAloneAt.put(stop, measured.ceilingAlone());
            }
        });
        limits.put("httpCeilingAtCheckpoint", ceilingAt);
        limits.put("httpCeilingOneClientAtCheckpoint", ceilingAloneAt);
        if (insert != null) {
            Map<String, Object> raw = new LinkedHashMap<>(Map.of("rows", insert.rows(), "tables", insert.tables(),
                    "seconds", insert.seconds(), "rowsPerSecond", insert.rowsPerSecond(), "claims", finalClaims,
                    "claimsPerSecond", rawClaimsPerSecond));
            raw.put("projectionRows", insert.projectionRows());
            raw.put("projectionSeconds", insert.projectionSeconds());
            raw.put("events", insert.events());
            limits.put("rawInsert", raw);
        }
        limits.put("rawEventRead", rawReads);
        limits.put("emptyNodeStartSeconds", emptyStart);
        limits.put("maxHeapBytes", maxHeap);
        // Beside the live set (the figure): the heap after any collection, an upper bound only, and how often the
        // heap ran short during a step (full collections the JVM ran on its own).
        limits.put("heapAfterAnyCollectionBytes", heapAfterAny);
        limits.put("fullCollections", fullCollections);
        Map<String, Object> anchorJson = new LinkedHashMap<>();
        if (anchor != null) {
            anchorJson.put("settings", "tracking processors entities, articles, claims; batch size 1; a thread per segment;"
                    + " the projections' tables emptied untimed, then resetTokens");
            anchorJson.put("events", anchor.events());
            anchorJson.put("seconds", anchor.seconds());
            anchorJson.put("eventsPerSecond", anchor.perSecond());
            anchorJson.put("caughtUp", anchor.caughtUp());
            anchorJson.put("positionReached", anchor.position());
            anchorJson.put("atClaims", finalClaims);
        }

        figures.add(timed(Figure.rate(CEILING + " (GET /actuator/health)", null, ceiling.perSecond(), "req/s", ceiling,
                "itself", ceiling.perSecond()), ceiling));
        // The writes come after the last checkpoint's reads: the ceiling measured last is theirs.
        Load.Stats lastCeiling = ceilingAt.isEmpty() ? ceiling : List.copyOf(ceilingAt.values()).get(ceilingAt.size() - 1);
        for (Ingest ingest : ingests) {
            if (ingest.httpClaims() > 0) {
                figures.add(Figure.rate("ingest POST /api/import", ingest.toClaims(),
                        ingest.httpClaims() / ingest.httpSeconds(), "claims/s", null, "raw JDBC insert",
                        rawClaimsPerSecond));
            }
            if (ingest.busClaims() > 0) {
                figures.add(Figure.rate("ingest DossierImporter in-process", ingest.toClaims(),
                        ingest.busClaims() / ingest.busSeconds(), "claims/s", null, "raw JDBC insert",
                        rawClaimsPerSecond));
            }
        }
        if (writes != null) {
            figures.add(timed(Figure.rate("single writes POST /api/claims", (long) corpus.claims(), writes.perSecond(),
                    "writes/s", writes, CEILING, lastCeiling.perSecond()), writes));
        }
        for (Map.Entry<Long, CheckpointReads> checkpoint : reads.entrySet()) {
            CheckpointReads measured = checkpoint.getValue();
            for (Load.Stats noop : java.util.Arrays.asList(measured.ceiling(), measured.ceilingAlone())) {
                if (noop != null) {
                    String name = noop == measured.ceiling() ? CEILING : CEILING_ALONE;
                    figures.add(timed(Figure.rate(name + " (GET /actuator/health)", checkpoint.getKey(),
                            noop.perSecond(), "req/s", noop, "itself", noop.perSecond()), noop));
                }
            }
            for (MeasuredRead read : measured.reads()) {
                Load.Stats stats = read.stats();
                figures.add(timed(Figure.rate("GET " + read.name(), checkpoint.getKey(), stats.perSecond(), "req/s",
                        stats, read.oneClient() ? CEILING_ALONE : CEILING,
                        (read.oneClient() ? measured.ceilingAlone() : measured.ceiling()).perSecond()), stats));
            }
        }
        for (Replay replay : replays) {
            Limits.RawRead raw = rawReads.get(replay.atClaims());
            double rate = replay.events() / replay.seconds();
            Figure figure = Figure.rate("replay POST /api/admin/replay" + (replay.rounds() > 1 ? " (" + replay.round()
                            + " of " + replay.rounds() + ")" : ""), replay.atClaims(), rate, "events/s", null,
                    "raw event read + Jackson", raw.perSecond());
            figures.add(anchor == null ? figure : figure.withAnchor(rate / anchor.perSecond()));
        }
        if (insert != null && insert.projectionSeconds() > 0) {
            // The rows the projections hold, inserted raw into their tables (readers' indexes included), as events/s of
            // the final ledger: a bound of the machine and database, not of Axon. A replay writes all of them but the
            // search's word index, which its switch derives from the wordings and writes only where it differs
            // (docs/benchmarks.md, ninth round): since then a replay can be faster than this.
            double rate = insert.events() / insert.projectionSeconds();
            figures.add(Figure.rate("raw JDBC insert of the projections' rows", finalClaims, rate, "events/s", null,
                    "itself", rate));
        }
        if (anchor != null) {
            figures.add(Figure.rate("replay, Axon defaults (anchor)", finalClaims, anchor.perSecond(), "events/s", null,
                    "raw event read + Jackson", rawReads.isEmpty() ? anchor.perSecond()
                            : rawReads.values().stream().reduce((a, b) -> b).orElseThrow().perSecond()).withAnchor(1.0));
        }
        if (finalStart != null) {
            figures.add(new Figure("start-up over the final ledger", finalClaims, finalStart, "s", null, null,
                    // With --reuse the first node started over the kept ledger, in a JVM not yet warm: not an empty node.
                    options.reuse() == null ? "start-up of an empty node" : "start-up of the first node (cold JVM)",
                    emptyStart, emptyStart / finalStart, null));
        }
        heap.close();
        figures.add(new Figure("peak heap (live: after full collections)", null, peakHeap / 1048576.0, "MiB", null,
                null, "max heap (-Xmx)", maxHeap / 1048576.0, (double) peakHeap / maxHeap, null));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("machine", Map.of("availableProcessors", Runtime.getRuntime().availableProcessors(),
                "maxHeapBytes", maxHeap, "java", System.getProperty("java.version")));
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("claims", options.claims());
        used.put("checkpoints", options.checkpoints());
        used.put("clients", options.clients());
        used.put("requestsPerRead", options.requests());
        used.put("warmup", options.warmup().requests());
        used.put("warmupSecondsAtMost", options.warmup().atMost().toSeconds());
        used.put("singleWrites", options.writes());
        used.put("dossierSize", options.dossierSize());
        used.put("settings", options.settings());
        used.put("skipped", options.skip());
        used.put("database", options.store().describe());
        used.put("nodes", options.nodes());
        result.put("options", used);
        result.put("events", events);
        result.put("ledgerEntriesAtCheckpoint", entriesAt);
        result.put("ledgerFileBytesAtCheckpoint", fileBytesAt);
        result.put("figures", figures);
        result.put("limits", limits);
        result.put("anchor", anchorJson);
        result.put("replays", replays);
        // What each read asks of the database a request, by read and checkpoint (H2, one node): the curve by counts.
        Map<String, Map<Long, DatabaseWork.Asked>> asked = new LinkedHashMap<>();
        reads.forEach((stop, measured) -> measured.asked().forEach((read, counted) ->
                asked.computeIfAbsent(read, name -> new LinkedHashMap<>()).put(stop, counted)));
        result.put("databaseWork", asked);
        // Writes that answered "stored, the views behind" (202): their time counts in the figures above.
        result.put("lateWrites", Map.of("importDossiers", lateDossiers, "singleWrites", writes == null ? 0 : writes.late()));
        if (options.out() != null) {
            if (options.out().toAbsolutePath().getParent() != null) {
                Files.createDirectories(options.out().toAbsolutePath().getParent());
            }
            json.writerWithDefaultPrettyPrinter().writeValue(options.out().toFile(), result);
        }
        print();
        printDatabaseWork(asked);
        return result;
    }

    /** A figure of a timed load, with the collections that paused the application inside its window. */
    private Figure timed(Figure figure, Load.Stats stats) {
        return figure.timed(heap.pausesBetween(stats.fromMillis(), stats.toMillis()),
                new Figure.Warmup(stats.warmupRequests(), stats.warmupSeconds()));
    }

    private long importOverHttp(URI base, Dossier dossier) throws IOException {
        byte[] body = json.writeValueAsBytes(dossier);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/import")).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + editor).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long started = System.nanoTime();
        if (Load.late(Load.exchange(http, request, 200))) {
            lateDossiers++;
        }
        return System.nanoTime() - started;
    }

    private long importInProcess(DossierImporter importer, Dossier dossier) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("bench", null,
                List.of()));
        try {
            long started = System.nanoTime();
            try {
                importer.apply(dossier);
            } catch (RecordedNotYetVisible stored) {
                lateDossiers++;
            }
            return System.nanoTime() - started;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** A few amendments (one claim in two hundred), untimed: the ledger should hold them, the ingest figure not. */
    private void amend(URI base, Dossier dossier) throws IOException {
        java.util.Set<String> retracted = new java.util.HashSet<>();
        dossier.retractions().forEach(retraction -> retracted.add(retraction.claim()));
        for (int i = 0; i < dossier.claims().size(); i += 200) {
            String id = dossier.claims().get(i).id();
            if (retracted.contains(id)) {
                continue; // a retracted claim cannot be amended (409)
            }
            String body = write(new NewAmendment(dossier.claims().get(i).statement() + ", the outlet clarified",
                    null, "wording clarified after publication", null));
            Load.send(http, HttpRequest.newBuilder(base.resolve("/api/claims/" + id + "/amendments"))
                    .header("Authorization", "Bearer " + editor).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 200);
        }
    }

    /**
     * Moments of a kept ledger's ingest on the recorded axis, as the run that made it took them (after each dossier):
     * the recording time of each dossier's last claim.
     */
    private static List<Instant> momentsOf(Node node, int claims, int dossierSize) {
        List<String> lastOfEach = new ArrayList<>();
        for (int c = dossierSize - 1; c < claims; c += dossierSize) {
            lastOfEach.add("c-" + c);
        }
        lastOfEach.add("c-" + (claims - 1));
        List<Instant> moments = new ArrayList<>();
        for (int i = 0; i < lastOfEach.size(); i += 1000) {
            node.context.getBean(org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate.class).query(
                    "select recorded_at from claim_view where claim_id in (:ids) order by recorded_at",
                    Map.of("ids", lastOfEach.subList(i, Math.min(i + 1000, lastOfEach.size()))),
                    rs -> {
                        moments.add(rs.getObject("recorded_at", java.time.OffsetDateTime.class).toInstant());
                    });
        }
        if (moments.isEmpty()) {
            throw new IllegalStateException("the ledger to reuse holds none of the corpus' claims: was it made with"
                    + " the same --claims?");
        }
        return moments;
    }

    /** The limit of the reads: the no-op's ceiling, measured at the run's start and before each checkpoint's reads. */
    private static final String CEILING = "health ceiling";

    /** The limit of the reads measured with one client: the no-op's, with one client. */
    private static final String CEILING_ALONE = "health ceiling, one client";

    /** What a read's name says when one client sent it. */
    static final String ONE_CLIENT = ", one client";

    /**
     * Every read of the issue at this ledger size: name and stats, with {@code load}'s clients; then, if {@code alone}
     * is given, every read again with one client, named with {@link #ONE_CLIENT}. Each series begins with the no-op's
     * ceiling, measured with the same clients at the same moment: the JIT warm and the ledger as large as the reads see
     * it (the run's first ceiling is the node's JIT-cold start on an empty ledger). Last, with {@code work} (H2, one
     * node), what each read asks of the database a request ({@link DatabaseWork}), over the same requests in every run.
     */
    private CheckpointReads reads(Load load, Load alone, Corpus corpus, Node node, DatabaseWork work) {
        List<Instant> moments = List.copyOf(recordedMoments);
        long size = node.context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("select count(*) from ledger_entry", Long.class);
        Map<String, IntFunction<String>> paths = new LinkedHashMap<>();
        paths.put("/api/views/disputed?subject=", i -> "/api/views/disputed?subject=" + q(corpus.randomName(r(i))));
        paths.put("/api/views/current?topic=&asOf= (published)", i -> "/api/views/current?topic="
                + q(corpus.randomTopic(r(i))) + "&asOf=" + corpus.randomDay(r(i + 1)) + "&axis=published");
        paths.put("/api/views/current?topic=&asOf= (recorded)", i -> "/api/views/current?topic="
                + q(corpus.randomTopic(r(i))) + "&asOf=" + q(moments.get(r(i + 1).nextInt(moments.size())).toString())
                + "&axis=recorded");
        paths.put("/api/claims?q=", i -> "/api/claims?q="
                + Corpus.SEARCH_WORDS.get(r(i).nextInt(Corpus.SEARCH_WORDS.size())));
        paths.put("/api/claims/{id}", i -> "/api/claims/" + corpus.randomClaim(r(i)));
        paths.put("/api/narrative/diff (one day)", i -> {
            LocalDate day = corpus.randomDay(r(i));
            return "/api/narrative/diff?from=" + day + "&to=" + day.plusDays(1);
        });
        paths.put("/api/ledger/proofs/inclusion", i -> "/api/ledger/proofs/inclusion?index=" + r(i).nextInt((int) size));
        paths.put("/api/claims/{id}/proof", i -> "/api/claims/" + corpus.randomClaim(r(i)) + "/proof");
        List<MeasuredRead> results = new ArrayList<>();
        Load.Stats[] ceilings = new Load.Stats[2];
        for (Load clients : alone == null ? List.of(load) : List.of(load, alone)) {
            boolean oneClient = clients == alone;
            progress("  " + (oneClient ? CEILING_ALONE : CEILING) + ": GET /actuator/health");
            ceilings[oneClient ? 1 : 0] = clients.run(ceilingWarmup(), options.ceilingRequests(),
                    i -> clients.get("/actuator/health"), 200);
            progress("    " + ceilings[oneClient ? 1 : 0]);
            for (Map.Entry<String, IntFunction<String>> path : paths.entrySet()) {
                String name = path.getKey() + (oneClient ? ONE_CLIENT : "");
                progress("  GET " + name);
                Load.Stats stats = clients.run(options.warmup(), options.requests(),
                        i -> clients.get(path.getValue().apply(i)), 200);
                progress("    " + stats);
                stats.slowest().forEach(slow -> progress("      slowest: " + slow));
                results.add(new MeasuredRead(name, stats, oneClient));
            }
        }
        Map<String, DatabaseWork.Asked> asked = new LinkedHashMap<>();
        if (work != null) {
            // After the timed loads, so that they are measured as before; one client, so that nothing else runs.
            Load one = alone != null ? alone : new Load(List.of(node.base), 1);
            for (Map.Entry<String, IntFunction<String>> path : paths.entrySet()) {
                DatabaseWork.Asked counted = work.count(DatabaseWork.REQUESTS, () -> one.run(0, DatabaseWork.REQUESTS,
                        i -> one.get(path.getValue().apply(i)), 200));
                progress("  GET " + path.getKey() + " asks the database " + counted);
                asked.put(path.getKey(), counted);
            }
        }
        return new CheckpointReads(ceilings[0], ceilings[1], results, asked);
    }

    /** The no-op's warm-up: a tenth of its measured requests first, then as long as the reads'. */
    private Load.Warmup ceilingWarmup() {
        return new Load.Warmup(Math.max(1, options.ceilingRequests() / 10), options.warmup().atMost());
    }

    private Replay replay(URI base, long atClaims, int round) throws IOException, InterruptedException {
        progress("  replay of every projection");
        long started = System.nanoTime();
        JsonNode replay = json.readTree(Load.send(http, HttpRequest.newBuilder(base.resolve("/api/admin/replay"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()).build(), 202));
        String id = replay.get("id").asText();
        while (true) {
            JsonNode status = json.readTree(Load.send(http, HttpRequest.newBuilder(base.resolve("/api/admin/replay/" + id))
                    .GET().build(), 200));
            switch (status.get("status").asText()) {
                case "COMPLETED" -> {
                    return new Replay(atClaims, round, options.replays(), status.get("processed").asLong(),
                            (System.nanoTime() - started) / 1e9);
                }
                case "FAILED" -> throw new IllegalStateException("replay " + id + " failed: " + status);
                default -> Thread.sleep(20);
            }
        }
    }

    private void print() {
        out.println();
        out.println(String.format("%-62s %9s %12s %-9s %8s %8s  %-26s %12s %8s %8s  %s", "figure", "claims", "value", "unit",
                "p50 ms", "p99 ms", "limit", "limit value", "of limit", "x anchor", "GC pauses in its window"));
        for (Figure f : figures) {
            out.println(String.format("%-62s %9s %12.1f %-9s %8s %8s  %-26s %12s %8s %8s  %s", f.name(),
                    f.atClaims() == null ? "" : String.format("%,d", f.atClaims()), f.value(), f.unit(),
                    f.p50Ms() == null ? "" : String.format("%.1f", f.p50Ms()),
                    f.p99Ms() == null ? "" : String.format("%.1f", f.p99Ms()), f.limit() == null ? "" : f.limit(),
                    f.limitValue() == null ? "" : String.format("%.1f", f.limitValue()),
                    f.ofLimit() == null ? "" : String.format("%.3f", f.ofLimit()),
                    f.vsAnchor() == null ? "" : String.format("%.2f", f.vsAnchor()),
                    f.gc() == null ? "" : String.format("%d, longest %d ms, %.1f%% of it", f.gc().count(),
                            f.gc().longestMs(), 100 * f.gc().share())));
        }
        out.flush();
    }

    /** Statements and rows a request, a column a checkpoint: whether a read's work follows the ledger or the answer. */
    private void printDatabaseWork(Map<String, Map<Long, DatabaseWork.Asked>> asked) {
        if (asked.isEmpty()) {
            return;
        }
        List<Long> stops = asked.values().stream().flatMap(byStop -> byStop.keySet().stream()).distinct().sorted()
                .toList();
        out.println();
        StringBuilder header = new StringBuilder(String.format("%-62s", "what a read asks of the database, a request"));
        stops.forEach(stop -> header.append(String.format(" %24s", String.format("statements / rows @%,d", stop))));
        out.println(header);
        asked.forEach((read, byStop) -> {
            StringBuilder line = new StringBuilder(String.format("%-62s", "GET " + read));
            stops.forEach(stop -> {
                DatabaseWork.Asked counted = byStop.get(stop);
                line.append(String.format(" %24s", counted == null ? "" : String.format(java.util.Locale.ROOT,
                        "%.1f / %.1f", counted.statements(), counted.rows())));
            });
            out.println(line);
        });
        out.flush();
    }

    private void progress(String message) {
        out.println(String.format("[bench %6.1fs] %s", (System.nanoTime() - began) / 1e9, message));
        out.flush();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Random r(int i) {
        return new Random(i * 7919L + 17);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String token() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
