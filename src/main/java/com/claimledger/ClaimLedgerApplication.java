package com.claimledger;

import com.claimledger.cli.LedgerCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ClaimLedgerApplication {

    public static void main(String[] args) {
        withoutH2ValueCache();
        // A command (import, export, verify, bench, --help) runs and exits; anything else starts the server.
        if (LedgerCommandLine.isCommand(args)) {
            System.exit(LedgerCommandLine.run(ClaimLedgerApplication.class, args));
        }
        try {
            SpringApplication.run(ClaimLedgerApplication.class, args);
        } catch (RuntimeException e) {
            // Spring has logged the failure and closed the context, but threads Axon started (its janitor) would keep
            // the JVM alive: a ledger that cannot start must stop, with a non-zero exit, where a supervisor sees it.
            System.err.println("Claim Ledger could not start: " + reason(e));
            System.exit(1);
        }
    }

    /**
     * H2's shared cache of values ({@code h2.objectCache}, on by default) hashes every string and number H2 reads from a
     * page or writes, to share equal ones between rows: at 10^6 ledger entries, where nearly every page a replay or a
     * read touches is decoded anew, the checks before a replay's switch took 21 s with it and under 18 s without
     * (docs/benchmarks.md, sixteenth round). H2 reads the property once, when its first class loads, so it is
     * set before anything else runs; a {@code -Dh2.objectCache=true} on the command line still wins.
     */
    static void withoutH2ValueCache() {
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
