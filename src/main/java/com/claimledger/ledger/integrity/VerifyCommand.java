package com.claimledger.ledger.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code verify --data DIR}: checks a stopped ledger's files offline; {@code verify --url URL [--head FILE]}: checks a
 * running ledger, and with a head saved earlier that today's ledger only grew from it. Exit codes: 0 intact,
 * 1 tampered or a failed check, 2 unusable arguments or unreadable data, 3 server unreachable.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Verifies a ledger: every entry recomputed from the stored events (offline, --data),",
                "or a running ledger and its consistency with a head saved earlier (--url, --head)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:intact", "1:tampered, or a check failed", "2:unusable arguments or unreadable data",
                "3:server unreachable"})
public final class VerifyCommand implements Callable<Integer> {

    static final int INTACT = 0;
    static final int FAILED = 1;
    static final int UNUSABLE = 2;
    static final int UNREACHABLE = 3;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory of a stopped ledger (holds ledger.mv.db)")
    private Path data;

    @Option(names = "--url", paramLabel = "URL", description = "base URL of a running ledger, e.g. http://localhost:8080")
    private URI url;

    @Option(names = "--head", paramLabel = "FILE", description = "a head saved earlier (JSON of /api/ledger/head): check consistency with it")
    private Path head;

    @Option(names = "--save-head", paramLabel = "FILE", description = "write the running ledger's current signed head to FILE")
    private Path saveHead;

    @Spec
    private CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    /** Runs the command with these arguments; the exit code. */
    public static int run(String... args) {
        return new CommandLine(new VerifyCommand()).execute(args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new VerifyCommand()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() {
        if ((data == null) == (url == null)) {
            return usage("give either --data DIR (offline) or --url URL (online)");
        }
        if (data != null && (head != null || saveHead != null)) {
            return usage("--head and --save-head go with --url");
        }
        return data != null ? offline() : online();
    }

    private int offline() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(data.resolve("ledger.mv.db"))) {
            return unusable("no ledger in " + data + " (ledger.mv.db not found)");
        }
        String jdbcUrl = "jdbc:h2:file:" + data.toAbsolutePath().resolve("ledger") + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        Verification verdict;
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "sa", "")) {
            connection.setReadOnly(true);
            verdict = new LedgerVerifier().verify(connection);
        } catch (SQLException e) {
            return unusable("cannot read the ledger in " + data + " (is it still running?): " + e.getMessage());
        }
        out.println("ledger  " + data);
        return report(out, verdict);
    }

    private int online() {
        PrintWriter out = spec.commandLine().getOut();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            SignedHead current = json.treeToValue(get(http, "/api/ledger/head"), SignedHead.class);
            out.println("ledger  " + url);
            out.println("head    size " + current.size() + ", root " + current.rootHash() + ", signed " + current.timestamp());
            List<String> failures = new ArrayList<>();
            if (!HeadSigner.verify(current, current.publicKey())) {
                failures.add("the current head's signature does not verify");
            }
            if (head != null) {
                failures.addAll(consistentWith(http, current, json.readValue(head.toFile(), SignedHead.class)));
            }
            Verification verdict = json.treeToValue(get(http, "/api/ledger/verify"), Verification.class);
            if (saveHead != null) {
                json.writerWithDefaultPrettyPrinter().writeValue(saveHead.toFile(), current);
                out.println("saved   " + saveHead);
            }
            int code = report(out, verdict);
            failures.forEach(failure -> out.println("FAILED  " + failure));
            return failures.isEmpty() ? code : FAILED;
        } catch (IOException e) {
            if (e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException) {
                spec.commandLine().getErr().println("cannot reach " + url + ": " + e.getMessage());
                return UNREACHABLE;
            }
            return unusable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
    }

    /** What is wrong with today's head given one saved earlier: its signature, its key, its consistency proof. */
    private List<String> consistentWith(HttpClient http, SignedHead current, SignedHead saved)
            throws IOException, InterruptedException {
        List<String> failures = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        if (!HeadSigner.verify(saved, saved.publicKey())) {
            failures.add("the saved head's signature does not verify");
        }
        if (!saved.publicKey().equals(current.publicKey())) {
            failures.add("the ledger now signs with another key than the saved head");
        }
        if (saved.size() > current.size()) {
            failures.add("the ledger shrank: " + saved.size() + " entries then, " + current.size() + " now");
            return failures;
        }
        ConsistencyProof proof = json.treeToValue(get(http, "/api/ledger/proofs/consistency?from=" + saved.size()
                + "&to=" + current.size()), ConsistencyProof.class);
        HexFormat hex = HexFormat.of();
        boolean consistent = ProofVerifier.verifyConsistency(saved.size(), current.size(), hex.parseHex(saved.rootHash()),
                hex.parseHex(current.rootHash()), proof.path().stream().map(hex::parseHex).toList());
        if (consistent) {
            out.println("grew    from the saved head (size " + saved.size() + ", root " + saved.rootHash() + ")");
        } else {
            failures.add("the ledger did not only grow from the saved head: the consistency proof fails");
        }
        return failures;
    }

    private JsonNode get(HttpClient http, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve(path))
                .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    private static int report(PrintWriter out, Verification verdict) {
        out.println("size    " + verdict.size());
        if (verdict.ok()) {
            out.println("root    " + verdict.rootHash());
            out.println("verdict intact");
            return INTACT;
        }
        out.println("verdict TAMPERED: first bad entry " + verdict.firstMismatch() + " (" + verdict.detail() + ")");
        return FAILED;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println(message);
        spec.commandLine().usage(spec.commandLine().getErr());
        return UNUSABLE;
    }

    private int unusable(String message) {
        spec.commandLine().getErr().println(message);
        return UNUSABLE;
    }
}
