package com.claimledger.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code import FILE…}: dossiers ({@code .json}), or one claim or dossier per line ({@code .ndjson}), or a directory
 * of them, sent to {@code POST /api/import} in chunks under the ledger's body limit, in order, with progress.
 * <p>
 * Safe to repeat after an interruption: every element carries an id (an element without one gets an id derived from
 * its content, so that sending it again names the same record), the ledger accepts identical repeats as no-ops, and a
 * journal of the chunks the ledger acknowledged lets a second run skip them.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Imports dossiers (.json), one claim or dossier per line (.ndjson), or a directory of them,",
                "in chunks under the ledger's body limit; safe to run again after an interruption."},
        exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:imported", "1:the ledger refused a chunk",
        "2:unusable arguments or unreadable files", "3:server unreachable"})
final class ImportCommand implements Callable<Integer> {

    /** The order in which a dossier's lists are applied; a chunk never puts an element before an earlier list's. */
    static final List<String> SECTIONS = List.of("entities", "aliases", "articles", "claims", "relations",
            "withdrawals", "amendments", "retractions", "reviews");
    private static final Set<String> IDENTIFIED = Set.of("entities", "articles", "claims");
    /** Room left under the body limit for the chunk's own JSON (braces, list names, commas). */
    private static final int ENVELOPE = 1024;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "dossier .json, .ndjson, or a directory of them")
    private List<Path> files;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "the ledger (default ${DEFAULT-VALUE})")
    private URI url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:LEDGER_TOKEN}",
            description = "an editor's bearer token (default: the environment's LEDGER_TOKEN)")
    private String token;

    @Option(names = "--chunk-bytes", paramLabel = "BYTES", defaultValue = "900000",
            description = "largest request body (default ${DEFAULT-VALUE}; the ledger refuses more than its limit, 1 MiB by default)")
    private int chunkBytes;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "1000",
            description = "most elements a request (default ${DEFAULT-VALUE})")
    private int chunkSize;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "where the acknowledged chunks are noted, to skip them on a second run (default: FILE.import-journal next to the first input)")
    private Path journal;

    @Option(names = "--no-progress", description = "no progress bar on standard error")
    private boolean quiet;

    @Spec
    private CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    /** One element of a dossier list, as read. */
    record Element(String section, ObjectNode value, int bytes) {
    }

    /** One request's worth of elements, in order. */
    record Chunk(Map<String, ArrayNode> lists, int elements, int claims, byte[] body, String digest) {
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (chunkBytes < 1024 || chunkSize < 1 || chunkSize > 10_000) {
            err.println("--chunk-bytes must be at least 1024 and --chunk-size between 1 and 10000");
            return ExitCodes.UNUSABLE;
        }
        List<Chunk> chunks;
        try {
            chunks = chunks(elements(inputs()));
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot read the input: " + e.getMessage());
            return ExitCodes.UNUSABLE;
        } catch (TooLarge e) {
            err.println(e.getMessage());
            return ExitCodes.REFUSED;
        }
        Path journalFile = journal != null ? journal : files.get(0).toAbsolutePath().resolveSibling(
                files.get(0).getFileName() + ".import-journal");
        Set<String> done;
        try {
            done = acknowledged(journalFile);
        } catch (IOException e) {
            err.println("cannot read the journal " + journalFile + ": " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        LedgerClient ledger = new LedgerClient(url, token);
        Progress progress = new Progress(err, chunks.stream().mapToInt(Chunk::elements).sum(), !quiet);
        long recorded = 0;
        int skipped = 0;
        int late = 0;
        try (Writer notes = Files.newBufferedWriter(journalFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (int i = 0; i < chunks.size(); i++) {
                Chunk chunk = chunks.get(i);
                if (done.contains(mark(chunk))) {
                    skipped++;
                } else {
                    JsonNode counts = ledger.post("/api/import", chunk.body());
                    if (counts.path("status").asText().equals("RECORDED")) {
                        // 202: stored, the views behind; its counts are not known, the chunk is done all the same.
                        late++;
                    }
                    recorded += counts.path("recorded").asLong();
                    notes.write(mark(chunk) + "\n");
                    notes.flush();
                }
                progress.advance(chunk.elements(), chunk.claims(), i + 1, chunks.size());
            }
        } catch (LedgerClient.Refused e) {
            progress.end();
            err.println("the ledger refused a chunk (" + e.status + "): " + e.getMessage());
            return e.status == 502 || e.status == 503 || e.status == 504 ? ExitCodes.UNREACHABLE : ExitCodes.REFUSED;
        } catch (LedgerClient.Unreachable e) {
            progress.end();
            err.println(e.getMessage());
            return ExitCodes.UNREACHABLE;
        } catch (IOException e) {
            progress.end();
            err.println("cannot write the journal " + journalFile + ": " + e.getMessage());
            return ExitCodes.UNUSABLE;
        }
        progress.end();
        spec.commandLine().getOut().println("imported " + progress.total + " elements in " + chunks.size() + " chunks ("
                + skipped + " already acknowledged) into " + url + ": " + recorded + " new ledger entries"
                + (late == 0 ? "" : " (and " + late + " chunks stored while the ledger's views were behind, not counted)"));
        return ExitCodes.SUCCESS;
    }

    /** The files named, a directory's .json and .ndjson files in name order. */
    private List<Path> inputs() throws IOException {
        List<Path> inputs = new ArrayList<>();
        for (Path file : files) {
            if (Files.isDirectory(file)) {
                try (Stream<Path> listing = Files.list(file)) {
                    listing.filter(path -> path.toString().endsWith(".json") || path.toString().endsWith(".ndjson"))
                            .sorted().forEach(inputs::add);
                }
            } else if (Files.isRegularFile(file) && Files.isReadable(file)) {
                inputs.add(file);
            } else {
                throw new IOException(file + " is not a readable file or directory");
            }
        }
        return inputs;
    }

    private List<Element> elements(List<Path> inputs) throws IOException {
        List<Element> elements = new ArrayList<>();
        for (Path input : inputs) {
            if (input.toString().endsWith(".ndjson")) {
                try (BufferedReader lines = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                    String line;
                    int number = 0;
                    while ((line = lines.readLine()) != null) {
                        number++;
                        if (!line.isBlank()) {
                            JsonNode node = parse(line, input + " line " + number);
                            // A line is a dossier when it has a dossier's lists, else one claim.
                            if (SECTIONS.stream().anyMatch(node::has)) {
                                dossier(node, input + " line " + number, elements);
                            } else {
                                elements.add(element("claims", node, input + " line " + number));
                            }
                        }
                    }
                }
            } else {
                dossier(parse(Files.readString(input, StandardCharsets.UTF_8), input.toString()), input.toString(), elements);
            }
        }
        return elements;
    }

    private JsonNode parse(String text, String where) throws IOException {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IOException(where + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IOException(where + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void dossier(JsonNode dossier, String where, List<Element> elements) throws IOException {
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) dossier::fields) {
            if (!SECTIONS.contains(field.getKey()) && !field.getKey().equals("note")) {
                throw new IOException(where + " has '" + field.getKey() + "', which is not a list of a dossier");
            }
        }
        for (String section : SECTIONS) {
            JsonNode list = dossier.path(section);
            if (list.isMissingNode() || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                throw new IOException(where + ": '" + section + "' is not a list");
            }
            for (JsonNode item : list) {
                elements.add(element(section, item, where));
            }
        }
    }

    private Element element(String section, JsonNode item, String where) throws IOException {
        if (!item.isObject()) {
            throw new IOException(where + ": an element of '" + section + "' is not a JSON object");
        }
        ObjectNode value = (ObjectNode) item;
        if (IDENTIFIED.contains(section) && (!value.hasNonNull("id") || value.get("id").asText().isBlank())) {
            // An id from the content: the same element sent again names the same record (no duplicate claim).
            value = value.deepCopy();
            value.put("id", "imported-" + digest(json.writeValueAsBytes(item)).substring(0, 40));
        }
        return new Element(section, value, json.writeValueAsBytes(value).length);
    }

    static final class TooLarge extends Exception {
        TooLarge(String message) {
            super(message);
        }
    }

    /** The elements in order, cut where a chunk is full or where the next element belongs to an earlier list. */
    private List<Chunk> chunks(List<Element> elements) throws TooLarge, JsonProcessingException {
        List<Chunk> chunks = new ArrayList<>();
        List<Element> current = new ArrayList<>();
        int bytes = ENVELOPE;
        int lastSection = 0;
        for (Element element : elements) {
            if (element.bytes() + ENVELOPE > chunkBytes) {
                throw new TooLarge("an element of '" + element.section() + "' (" + element.value().path("id").asText("")
                        + ") has " + element.bytes() + " bytes, more than a request may carry (" + chunkBytes + ")");
            }
            int section = SECTIONS.indexOf(element.section());
            if (!current.isEmpty() && (section < lastSection || bytes + element.bytes() + 1 > chunkBytes
                    || current.size() >= chunkSize)) {
                chunks.add(chunk(current));
                current = new ArrayList<>();
                bytes = ENVELOPE;
            }
            current.add(element);
            bytes += element.bytes() + 1;
            lastSection = section;
        }
        if (!current.isEmpty()) {
            chunks.add(chunk(current));
        }
        return chunks;
    }

    private Chunk chunk(List<Element> elements) throws JsonProcessingException {
        Map<String, ArrayNode> lists = new LinkedHashMap<>();
        for (Element element : elements) {
            lists.computeIfAbsent(element.section(), section -> json.createArrayNode()).add(element.value());
        }
        ObjectNode dossier = json.createObjectNode();
        lists.forEach(dossier::set);
        byte[] body = json.writeValueAsBytes(dossier);
        int claims = lists.containsKey("claims") ? lists.get("claims").size() : 0;
        return new Chunk(lists, elements.size(), claims, body, digest(body));
    }

    /** A chunk as the journal notes it: where it went and what it held. */
    private String mark(Chunk chunk) {
        return url.toString().replaceAll("/+$", "") + " " + chunk.digest();
    }

    private static Set<String> acknowledged(Path journal) throws IOException {
        return Files.exists(journal) ? new HashSet<>(Files.readAllLines(journal, StandardCharsets.UTF_8)) : new HashSet<>();
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** A bar on standard error, redrawn in place on a terminal and a line a chunk otherwise (logs, pipes). */
    static final class Progress {
        private final PrintWriter err;
        final int total;
        private final boolean shown;
        private final boolean terminal = System.console() != null;
        private int done;
        private int claims;

        Progress(PrintWriter err, int total, boolean shown) {
            this.err = err;
            this.total = total;
            this.shown = shown;
        }

        void advance(int elements, int claimsInChunk, int chunk, int chunks) {
            done += elements;
            claims += claimsInChunk;
            if (!shown) {
                return;
            }
            int width = 30;
            int filled = total == 0 ? width : (int) ((long) done * width / total);
            String bar = "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                    + (total == 0 ? 100 : done * 100L / total) + "% " + done + "/" + total + " elements, "
                    + claims + " claims, chunk " + chunk + "/" + chunks;
            err.print(terminal ? "\r" + bar : bar + System.lineSeparator());
            err.flush();
        }

        void end() {
            if (shown && terminal) {
                err.println();
            }
            err.flush();
        }
    }
}
