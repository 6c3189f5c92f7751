package com.claimledger.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench --claims N [--checkpoints A,B] [--out FILE] [--clients 8]}: the benchmark harness of issue 9 in one
 * run, on a fresh temporary data directory. Exit codes: 0 measured, 1 a step failed, 2 unusable arguments.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures ingest, single writes, reads, replay, start-up and peak heap of a fresh ledger",
                "against the machine's limits (raw JDBC, raw event read, HTTP no-op) and Axon's defaults, in one run."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:measured", "1:a step failed", "2:unusable arguments"})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--claims", required = true, paramLabel = "N", description = "claims to import in all")
    private int claims;

    @Option(names = "--checkpoints", split = ",", paramLabel = "N",
            description = "ledger sizes (in claims) at which reads and the replay are measured; default: --claims")
    private List<Integer> checkpoints;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "target/bench.json", description = "JSON result (default ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--clients", defaultValue = "8", description = "concurrent HTTP clients (default ${DEFAULT-VALUE});"
            + " the reads and the no-op are measured once more with one client (--skip one_client leaves that out)")
    private int clients;

    // A p99 of 400 answers is the fourth slowest, and a single collection pause under 8 clients decides it; of 2,000 it is
    // the twentieth, the tail rather than a few answers (docs/benchmarks.md, twenty-first round). A read at 10^6 takes
    // some 2-10 s for them.
    @Option(names = "--requests", defaultValue = "2000", description = "measured requests per read and checkpoint (default ${DEFAULT-VALUE})")
    private int requests;

    @Option(names = "--warmup", defaultValue = "40", description = "warm-up requests before each measurement (default ${DEFAULT-VALUE})")
    private int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "60", paramLabel = "SECONDS",
            description = "after those, each load goes on being warmed up while its rate still rises, for at most this"
                    + " long (default ${DEFAULT-VALUE}; 0: the --warmup requests only)")
    private long warmupSeconds;

    @Option(names = "--writes", defaultValue = "2000", description = "measured single writes (default ${DEFAULT-VALUE})")
    private int writes;

    @Option(names = "--ceiling-requests", defaultValue = "10000", description = "measured GET /actuator/health requests (default ${DEFAULT-VALUE})")
    private int ceilingRequests;

    @Option(names = "--dossier-size", defaultValue = "1000", description = "claims a dossier (default ${DEFAULT-VALUE})")
    private int dossierSize;

    @Option(names = "--anchor-timeout", defaultValue = "1200", paramLabel = "SECONDS",
            description = "stop the anchor replay after this long and report the rate it reached (default ${DEFAULT-VALUE})")
    private long anchorTimeout;

    @Option(names = "--replays", defaultValue = "1", paramLabel = "N",
            description = "replays measured one after another at each checkpoint, each reported (default ${DEFAULT-VALUE});"
                    + " with --reuse the first runs in a JVM that has done nothing yet, where a whole run's replay"
                    + " follows the ingest")
    private int replays;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "a setting of the measured nodes (repeatable), e.g. --set axon.eventhandling.processors.claims.batch-size=1;"
                    + " the anchor keeps Axon's defaults")
    private List<String> settings;

    @Option(names = "--skip", split = ",", paramLabel = "STEP",
            description = "steps to leave out, for a quick comparison: ${COMPLETION-CANDIDATES}")
    private List<Bench.Step> skip;

    @Option(names = "--database", paramLabel = "JDBC_URL",
            description = "an empty PostgreSQL database for the measured nodes (profile postgres); default: H2 under the work directory")
    private String database;

    @Option(names = "--raw-database", paramLabel = "JDBC_URL",
            description = "with --database: a second empty PostgreSQL database for the raw JDBC insert limit")
    private String rawDatabase;

    @Option(names = "--database-user", defaultValue = "ledger", description = "PostgreSQL user (default ${DEFAULT-VALUE})")
    private String databaseUser;

    @Option(names = "--database-password", defaultValue = "ledger", description = "PostgreSQL password (default ${DEFAULT-VALUE})")
    private String databasePassword;

    @Option(names = "--nodes", defaultValue = "1",
            description = "ledger nodes on the one database, the HTTP load spread over them in turn; more than one needs"
                    + " --database, and leaves the replay out (a replay runs with the projections of one node)"
                    + " (default ${DEFAULT-VALUE})")
    private int nodes;

    @Option(names = "--work", paramLabel = "DIR", description = "working directory (default: a new temporary one)")
    private Path work;

    @Option(names = "--keep", description = "keep the working directory (the ledgers) after the run")
    private boolean keep;

    @Option(names = "--reuse", paramLabel = "DATA_DIR",
            description = "measure on the H2 ledger a kept run left in DATA_DIR (its work directory's data) instead of"
                    + " ingesting: give the same --claims and --checkpoints as that run (its corpus is generated again,"
                    + " not imported); the steps are measured at the final size only, and writes add to that ledger")
    private Path reuse;

    @Spec
    private CommandSpec spec;

    private final Class<?> application;

    /** {@code application}: the Spring Boot application to start (given by it, so that this module needs no cycle to it). */
    private BenchCommand(Class<?> application) {
        this.application = application;
    }

    /** The command, to run as a subcommand of the jar's command line. */
    public static BenchCommand of(Class<?> application) {
        return new BenchCommand(application);
    }

    public static int run(Class<?> application, String... args) {
        return new CommandLine(new BenchCommand(application)).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    public static int run(Class<?> application, PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new BenchCommand(application)).setCaseInsensitiveEnumValuesAllowed(true).setOut(out).setErr(err).execute(args);
    }

    private java.util.Set<Bench.Step> steps() {
        java.util.Set<Bench.Step> left = java.util.EnumSet.noneOf(Bench.Step.class);
        if (skip != null) {
            left.addAll(skip);
        }
        if (nodes > 1) {
            left.add(Bench.Step.REPLAY);
        }
        return left;
    }

    @Override
    public Integer call() {
        List<Integer> stops = checkpoints == null || checkpoints.isEmpty() ? List.of(claims)
                : checkpoints.stream().sorted().distinct().toList();
        if (claims < 2 || stops.get(0) < 1 || stops.get(stops.size() - 1) > claims || clients < 1 || requests < 1
                || writes < 1 || replays < 1 || dossierSize < 1 || ceilingRequests < 1 || warmup < 0 || warmupSeconds < 0
                || (settings != null && settings.stream().anyMatch(setting -> !setting.matches("[\\w.\\-\\[\\]]+=.*")))
                || nodes < 1 || (nodes > 1 && database == null) || (rawDatabase != null && database == null)
                || (database != null && rawDatabase == null && (skip == null || !skip.contains(Bench.Step.RAW_INSERT)))
                || (reuse != null && (database != null || nodes > 1 || !java.nio.file.Files.isDirectory(reuse)))) {
            spec.commandLine().getErr().println("--claims must be at least 2, every checkpoint between 1 and --claims,"
                    + " the counts positive, every --set KEY=VALUE, --nodes above 1 only with --database, and"
                    + " --database with --raw-database (or --skip raw_insert), --reuse an existing H2 data directory, one node");
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
        Bench.Options options = new Bench.Options(application, claims, stops, out, clients, requests,
                new Load.Warmup(warmup, java.time.Duration.ofSeconds(warmupSeconds)), writes,
                ceilingRequests, dossierSize, anchorTimeout, work, keep,
                settings == null ? List.of() : settings.stream().map(setting -> "--" + setting).toList(),
                steps(), database == null ? Store.h2() : new Store(database, databaseUser, databasePassword, rawDatabase),
                nodes, reuse, replays);
        try {
            new Bench(options, spec.commandLine().getOut()).run();
            return 0;
        } catch (Exception e) {
            spec.commandLine().getErr().println("bench failed: " + e);
            e.printStackTrace(spec.commandLine().getErr());
            return 1;
        } catch (OutOfMemoryError e) {
            spec.commandLine().getErr().println("bench ran out of heap: " + e.getMessage());
            return 1;
        }
    }
}
