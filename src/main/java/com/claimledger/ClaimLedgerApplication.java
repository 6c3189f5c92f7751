package com.claimledger;

import com.claimledger.bench.BenchCommand;
import com.claimledger.ledger.integrity.VerifyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Arrays;

@SpringBootApplication
public class ClaimLedgerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("verify")) {
            System.exit(VerifyCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(BenchCommand.run(ClaimLedgerApplication.class, Arrays.copyOfRange(args, 1, args.length)));
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
