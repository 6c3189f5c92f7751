package com.claimledger;

import com.claimledger.cli.LedgerCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ClaimLedgerApplication {

    public static void main(String[] args) {
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

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
