package com.claimledger.support;

import org.springframework.test.context.ActiveProfilesResolver;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database the HTTP suites run on. By default the embedded H2 file database; with the system property
 * {@code ledger.test.database=postgres} (the {@code postgres} execution of Surefire in the pom, part of
 * {@code mvn verify}) the same suites run with the {@code postgres} profile against a real PostgreSQL from Debian's
 * package, each Spring context on a fresh database of one server started for the whole run.
 */
public final class TestDatabase implements ActiveProfilesResolver {

    public static final String PROPERTY = "ledger.test.database";

    public static boolean postgres() {
        return "postgres".equals(System.getProperty(PROPERTY));
    }

    @Override
    public String[] resolve(Class<?> testClass) {
        return postgres() ? new String[]{"postgres"} : new String[0];
    }

    /**
     * Points a context at a new, empty PostgreSQL database when the run is on PostgreSQL; on H2 it adds nothing.
     * Called from each suite's {@code @DynamicPropertySource}, that is once for every context built.
     */
    public static void register(DynamicPropertyRegistry registry) {
        if (!postgres()) {
            return;
        }
        String url = Server.INSTANCE.newDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "ledger");
        registry.add("spring.datasource.password", () -> "ledger");
    }

    /**
     * The command-line arguments of a test that starts the application itself: {@code args} as given, and on
     * PostgreSQL the profile and a new, empty database (one per call: a test that restarts reuses what it got).
     */
    public static String[] args(String... args) {
        if (!postgres()) {
            return args;
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + Server.INSTANCE.newDatabase(),
                "--spring.datasource.username=ledger", "--spring.datasource.password=ledger"));
        return all.toArray(String[]::new);
    }

    /** Skips (locally) or fails (in CI) before any context is built when PostgreSQL is wanted but not installed. */
    public static void assumeAvailable() throws Exception {
        if (postgres()) {
            Server.INSTANCE.server();
        }
    }

    /** One server for the JVM: started on first use, stopped when the test JVM exits. */
    private enum Server {
        INSTANCE;

        private final AtomicInteger databases = new AtomicInteger();
        private LocalPostgres server;

        synchronized LocalPostgres server() throws Exception {
            if (server == null) {
                LocalPostgres started = LocalPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception e) {
                        System.err.println("PostgreSQL of the tests did not stop: " + e);
                    }
                }));
                server = started;
            }
            return server;
        }

        String newDatabase() {
            try {
                return server().createDatabase("suite" + databases.incrementAndGet());
            } catch (org.opentest4j.TestAbortedException e) {
                throw e; // not installed here: skipped, as LocalPostgres decides
            } catch (Exception e) {
                throw new IllegalStateException("no PostgreSQL database for the suite", e);
            }
        }
    }
}
