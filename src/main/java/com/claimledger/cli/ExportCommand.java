package com.claimledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code export prov|claimreview|dossier}: one of the ledger's exports to a file (or standard output), streamed as
 * it arrives; the ClaimReview feed is gathered page by page into one {@code DataFeed}.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Exports the ledger: PROV-O (Turtle or JSON-LD), the schema.org ClaimReview feed, or the",
                "whole ledger as a dossier that 'import' applies to an empty ledger."},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:exported", "1:the ledger refused the request",
        "2:unusable arguments or an output that cannot be written", "3:server unreachable"})
final class ExportCommand implements Callable<Integer> {

    enum What {
        prov, claimreview, dossier
    }

    @Parameters(index = "0", paramLabel = "WHAT", description = "prov, claimreview or dossier")
    private What what;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "the ledger (default ${DEFAULT-VALUE})")
    private URI url;

    @Option(names = "--format", paramLabel = "FORMAT", description = "prov only: turtle (default) or jsonld")
    private String format;

    @Option(names = "--as-of", paramLabel = "TIME", description = "prov only: the ledger as of this date or instant")
    private String asOf;

    @Option(names = "--axis", paramLabel = "AXIS", description = "prov only: published (default) or recorded")
    private String axis;

    @Option(names = "--output", paramLabel = "FILE", description = "where to write (default: standard output)")
    private Path output;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (what != What.prov && (format != null || asOf != null || axis != null)) {
            spec.commandLine().getErr().println("--format, --as-of and --axis go with 'export prov'");
            return ExitCodes.UNUSABLE;
        }
        LedgerClient ledger = new LedgerClient(url, null);
        try (OutputStream out = output == null ? new NotClosing(System.out) : Files.newOutputStream(output)) {
            switch (what) {
                case prov -> copy(ledger.get("/api/export/prov?format=" + (format == null ? "turtle" : q(format))
                        + (asOf == null ? "" : "&asOf=" + q(asOf)) + (axis == null ? "" : "&axis=" + q(axis))), out);
                case dossier -> copy(ledger.get("/api/export/dossier"), out);
                case claimreview -> claimReviews(ledger, out);
            }
        } catch (LedgerClient.Refused e) {
            spec.commandLine().getErr().println("the ledger refused the export (" + e.status + "): " + e.getMessage());
            return e.status == 502 || e.status == 503 || e.status == 504 ? ExitCodes.UNREACHABLE : ExitCodes.REFUSED;
        } catch (LedgerClient.Unreachable e) {
            spec.commandLine().getErr().println(e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("cannot write " + (output == null ? "the output" : output) + ": " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        if (output != null) {
            spec.commandLine().getErr().println("exported " + what + " from " + url + " to " + output);
        }
        return ExitCodes.SUCCESS;
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        try (in) {
            in.transferTo(out);
        }
    }

    private static void claimReviews(LedgerClient ledger, OutputStream out)
            throws LedgerClient.Refused, LedgerClient.Unreachable, IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode feed = null;
        ArrayNode elements = json.createArrayNode();
        String cursor = null;
        do {
            JsonNode page = ledger.getJson("/api/export/claimreview?limit=500" + (cursor == null ? "" : "&cursor=" + q(cursor)));
            if (feed == null) {
                feed = page.deepCopy();
            }
            page.path("dataFeedElement").forEach(elements::add);
            cursor = page.path("next").isNull() ? null : page.path("next").asText(null);
        } while (cursor != null);
        feed.set("dataFeedElement", elements);
        feed.remove("next");
        json.writerWithDefaultPrettyPrinter().writeValue(out, feed);
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Standard output stays open for whoever prints after the export. */
    private static final class NotClosing extends java.io.FilterOutputStream {
        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
