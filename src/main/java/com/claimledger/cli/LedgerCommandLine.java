package com.claimledger.cli;

import com.claimledger.bench.BenchCommand;
import com.claimledger.ledger.integrity.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Set;

/**
 * {@code java -jar claim-ledger.jar COMMAND …}: runs the command and exits; with no command the jar starts the
 * ledger server (Spring's own {@code --name=value} arguments still go to the server).
 */
@Command(name = "claim-ledger", mixinStandardHelpOptions = true, version = "Claim Ledger 0.1.0",
        description = {"An event-sourced ledger of attributed news claims.",
                "With no command, starts the ledger server (http://localhost:8080)."},
        synopsisSubcommandLabel = "[COMMAND]",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes (every command):%n",
        exitCodeList = {"0:success", "1:a failed verification, or an input the ledger refused",
                "2:unusable arguments, or files that cannot be read or written", "3:server unreachable"},
        footer = {"", "Run 'COMMAND --help' for a command's options. Documentation: docs/interop.md."})
public final class LedgerCommandLine implements Runnable {

    private static final Set<String> OWN_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    @picocli.CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private LedgerCommandLine() {
    }

    /** Whether these arguments name a command (or ask for help) rather than start the server. */
    public static boolean isCommand(String... args) {
        return args.length > 0 && (!args[0].startsWith("-") || OWN_OPTIONS.contains(args[0]));
    }

    /** {@code application}: the Spring Boot application that {@code bench} starts. */
    public static int run(Class<?> application, String... args) {
        return commandLine(application).execute(args);
    }

    public static int run(Class<?> application, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(application).setOut(out).setErr(err).execute(args);
    }

    private static CommandLine commandLine(Class<?> application) {
        CommandLine line = new CommandLine(new LedgerCommandLine())
                .addSubcommand("import", new ImportCommand())
                .addSubcommand("export", new ExportCommand())
                .addSubcommand("verify", new VerifyCommand())
                .addSubcommand("bench", BenchCommand.of(application));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        return line;
    }

    /** No command but an option of its own: the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
