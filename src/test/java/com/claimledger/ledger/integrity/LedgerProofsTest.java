package com.claimledger.ledger.integrity;

import com.claimledger.ledger.projection.QueryStatistics;
import com.claimledger.support.ApiTest;
import com.claimledger.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The ledger as an outside party checks it over HTTP, with nothing but SHA-256, Ed25519, the RFC 8785 author's
 * canonicalizer and the test's own transcription of RFC 9162 ({@link Rfc9162Reference}): served leaf hashes, the
 * signed head, inclusion and consistency proofs, a claim's proof bundle, and the append-only storage.
 */
class LedgerProofsTest extends ApiTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void everyServedLeafHashRecomputesFromTheServedEntry() throws Exception {
        http.post("/api/articles", Map.of("id", "proof-hostile", "url", "https://proof.example/h", "title",
                "\"quoted\" \\ back\\slash \u200Fright-to-left\u200F \uD83D\uDE00 1e+30 -0 4.50", "outlet", "Proof",
                "publishedAt", "2020-02-02"));
        http.post("/api/claims", Map.of("id", "proof-hostile-claim", "articleId", "proof-hostile",
                "statement", "Ünïcødé \u202Eevil\u202C \"x\" </script> 0.000001 333333333.33333329",
                "attributedTo", "Proof \uD83D\uDE00 Source", "subjects", List.of("\u05E9\u05DC\u05D5\u05DD")));
        List<JsonNode> events = http.events();
        assertThat(events).isNotEmpty();
        for (JsonNode entry : events) {
            assertThat(entry.get("leafHash").asText()).as("entry " + entry.get("sequence"))
                    .isEqualTo(HEX.formatHex(leafHash(entry)));
        }
    }

    @Test
    void theHeadIsSignedAndItsRootIsTheTreeOfTheServedEntries() throws Exception {
        JsonNode head = http.get("/api/ledger/head").json();
        assertThat(verifySignature(head)).isTrue();
        List<byte[]> leaves = new ArrayList<>();
        for (JsonNode entry : http.events()) {
            leaves.add(leafHash(entry));
        }
        int size = head.get("size").asInt();
        assertThat(size).isLessThanOrEqualTo(leaves.size());
        assertThat(head.get("rootHash").asText()).isEqualTo(HEX.formatHex(mth(leaves.subList(0, size))));
        ObjectNode forged = head.deepCopy();
        forged.put("size", size + 1);
        assertThat(verifySignature(forged)).isFalse();
    }

    @Test
    void aProofReadsTheLedgersSizeOnceWhateverItsEntries() {
        claimOfTwoEntries("proof-size");
        assertThat(http.get("/api/claims/proof-size-claim/proof").json().get("entries").size()).isEqualTo(2);

        // Counted by H2's query statistics (PostgreSQL's are an extension).
        assumeFalse(TestDatabase.postgres(), "H2's query statistics");
        // The head's size alone: the entries' proofs are against that head (the size was read again for each entry,
        // then once more for all of them).
        assertThat(sizeReads(() -> http.get("/api/claims/proof-size-claim/proof"))).isEqualTo(1);
        assertThat(sizeReads(() -> http.get("/api/ledger/proofs/inclusion?index=0"))).isEqualTo(1);
        assertThat(sizeReads(() -> http.get("/api/ledger/proofs/consistency?from=1"))).isEqualTo(1);
    }

    @Test
    void aProofReadsTheTreesNodesInOneStatement() {
        claimOfTwoEntries("proof-nodes");
        long size = http.get("/api/ledger/head").json().get("size").asLong();
        assertThat(size).as("a ledger whose proofs have several nodes").isGreaterThan(8);

        assumeFalse(TestDatabase.postgres(), "H2's query statistics");
        // Node by node, each of these read one statement a node: a dozen for an inclusion proof at 10^6 entries.
        assertThat(nodeReads(() -> http.get("/api/ledger/proofs/inclusion?index=" + (size / 2)))).isEqualTo(1);
        assertThat(nodeReads(() -> http.get("/api/ledger/proofs/consistency?from=" + (size / 2 + 1)))).isEqualTo(1);
        // The claim's two entries' proofs in one statement, and the head's root (signed anew: a size not signed yet).
        assertThat(nodeReads(() -> http.get("/api/claims/proof-nodes-claim/proof?size=" + (size - 1))))
                .isBetween(1L, 2L);
    }

    /** Claim {@code name}-claim of article {@code name}, recorded and amended: two ledger entries of its own. */
    private void claimOfTwoEntries(String name) {
        http.post("/api/articles", Map.of("id", name, "url", "https://proof.example/" + name, "title", name,
                "outlet", "Proof", "publishedAt", "2020-02-03"));
        http.post("/api/claims", Map.of("id", name + "-claim", "articleId", name,
                "statement", "The count was final", "attributedTo", "Proof Source"));
        http.post("/api/claims/" + name + "-claim/amendments", Map.of("statement", "The count was final, twice",
                "reason", "clarified"));
    }

    private long sizeReads(Runnable request) {
        return reads(request, "max(sequence)");
    }

    private long nodeReads(Runnable request) {
        return reads(request, "from ledger_node");
    }

    /** The executions of the statements containing {@code sql} during {@code request}. */
    private long reads(Runnable request, String sql) {
        return QueryStatistics.during(jdbc, request).stream()
                .filter(statement -> statement.sql().contains(sql))
                .mapToLong(QueryStatistics.Statement::executions).sum();
    }

    @Test
    void inclusionAndConsistencyProofsVerify() throws Exception {
        JsonNode head = http.get("/api/ledger/head").json();
        int size = head.get("size").asInt();
        byte[] root = HEX.parseHex(head.get("rootHash").asText());
        List<JsonNode> events = http.events();
        for (int index = 0; index < size; index++) {
            JsonNode proof = http.get("/api/ledger/proofs/inclusion?index=" + index + "&size=" + size).json();
            byte[] leaf = leafHash(events.get(index));
            assertThat(proof.get("leafHash").asText()).isEqualTo(HEX.formatHex(leaf));
            assertThat(Rfc9162Reference.includes(leaf, index, size, path(proof), root)).as("entry " + index).isTrue();
        }
        for (int from : new int[]{0, 1, 2, 7, 8, size / 2, size - 1, size}) {
            JsonNode earlier = http.get("/api/ledger/proofs/consistency?from=" + from + "&to=" + from).json();
            assertThat(earlier.get("path").size()).isZero();
            byte[] oldRoot = mth(leaves(events, from));
            JsonNode proof = http.get("/api/ledger/proofs/consistency?from=" + from + "&to=" + size).json();
            if (from > 0) {
                assertThat(Rfc9162Reference.consistent(from, size, oldRoot, root, path(proof))).as("from " + from).isTrue();
            }
        }
        assertThat(http.get("/api/ledger/proofs/inclusion?index=" + size + "&size=" + size).status()).isEqualTo(400);
        assertThat(http.get("/api/ledger/proofs/inclusion?index=0&size=" + (size + 1_000_000)).status()).isEqualTo(400);
        assertThat(http.get("/api/ledger/proofs/inclusion?index=-1").status()).isEqualTo(400);
        assertThat(http.get("/api/ledger/proofs/inclusion").status()).isEqualTo(400);
        assertThat(http.get("/api/ledger/proofs/consistency?from=5&to=4").status()).isEqualTo(400);
        assertThat(http.get("/api/ledger/proofs/consistency?from=x").status()).isEqualTo(400);
    }

    @Test
    void theRunningLedgerVerifies() {
        JsonNode verdict = http.get("/api/ledger/verify").json();
        assertThat(verdict.get("ok").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.get("firstMismatch").isNull()).isTrue();
        JsonNode head = http.get("/api/ledger/head").json();
        if (head.get("size").asLong() == verdict.get("size").asLong()) {
            assertThat(verdict.get("rootHash").asText()).isEqualTo(head.get("rootHash").asText());
        }
    }

    /** Recorded, disputed, amended, corroborated, retracted, reviewed: the whole history proves itself offline. */
    @Test
    void aClaimsProofBundleVerifiesOfflineAndAnyAlterationFails() throws Exception {
        http.post("/api/articles", Map.of("id", "bundle-a", "url", "https://bundle.example/a", "title", "t",
                "outlet", "Bundle", "publishedAt", "2015-07-17"));
        for (String id : List.of("bundle-1", "bundle-2", "bundle-3")) {
            http.post("/api/claims", Map.of("id", id, "articleId", "bundle-a", "statement", "statement " + id,
                    "attributedTo", "Bundle Source"));
        }
        assertThat(http.post("/api/claims/bundle-1/disputes", Map.of("byClaim", "bundle-2", "reason", "no")).status()).isEqualTo(201);
        assertThat(http.post("/api/claims/bundle-3/disputes", Map.of("byClaim", "bundle-1", "reason", "it disputes 3")).status()).isEqualTo(201);
        assertThat(http.post("/api/claims/bundle-1/amendments", Map.of("statement", "reworded", "reason", "typo")).status()).isEqualTo(200);
        assertThat(http.post("/api/claims/bundle-1/reviews", Map.of("rating", "MIXED", "explanation", "e")).status()).isEqualTo(201);
        assertThat(http.post("/api/claims/bundle-1/retraction", Map.of("reason", "withdrawn by source")).status()).isEqualTo(200);

        JsonNode bundle = http.get("/api/claims/bundle-1/proof").json();
        assertThat(bundle.get("claimId").asText()).isEqualTo("bundle-1");
        List<String> types = new ArrayList<>();
        bundle.get("entries").forEach(e -> types.add(e.get("entry").get("type").asText()));
        assertThat(types).containsExactly("ClaimRecorded", "ClaimDisputed", "ClaimDisputed", "ClaimAmended",
                "ClaimReviewed", "ClaimRetracted");
        assertThat(verifyBundle(bundle)).isTrue();

        for (int i = 0; i < bundle.get("entries").size(); i++) {
            for (String field : List.of("type", "actor", "occurredAt", "sequence")) {
                ObjectNode altered = bundle.deepCopy();
                ObjectNode entry = (ObjectNode) altered.get("entries").get(i).get("entry");
                if (field.equals("sequence")) {
                    entry.put("sequence", entry.get("sequence").asLong() + 1);
                } else {
                    entry.put(field, entry.get(field).asText() + "x");
                }
                assertThat(verifyBundle(altered)).as("entry " + i + " with " + field + " altered").isFalse();
            }
            ObjectNode altered = bundle.deepCopy();
            ((ObjectNode) altered.get("entries").get(i).get("entry").get("payload")).put("claimId", "bundle-9");
            assertThat(verifyBundle(altered)).as("entry " + i + " with its payload altered").isFalse();
        }
        ObjectNode otherRoot = bundle.deepCopy();
        ((ObjectNode) otherRoot.get("head")).put("rootHash", HEX.formatHex(new byte[32]));
        assertThat(verifyBundle(otherRoot)).isFalse();

        JsonNode earlier = http.get("/api/claims/bundle-1/proof?size=" + (bundle.get("entries").get(2).get("entry").get("sequence").asLong() + 1)).json();
        assertThat(earlier.get("entries").size()).isEqualTo(3);
        assertThat(verifyBundle(earlier)).isTrue();
        assertThat(http.get("/api/claims/no-such-claim/proof").status()).isEqualTo(404);
        assertThat(http.get("/api/claims/bundle-1/proof?size=999999999").status()).isEqualTo(400);
    }

    /** An auditor's routine: save today's head, come back later, check the ledger only grew from it. */
    @Test
    void theVerifyCommandChecksARunningLedgerAgainstASavedHead(@TempDir Path dir) throws Exception {
        String url = "http://localhost:" + port;
        Path saved = dir.resolve("head.json");
        StringWriter first = new StringWriter();
        assertThat(VerifyCommand.run(new PrintWriter(first, true), new PrintWriter(first, true),
                "--url", url, "--save-head", saved.toString())).as(first.toString()).isZero();
        assertThat(first.toString()).contains("verdict intact");
        http.post("/api/entities", Map.of("id", "auditor-later", "name", "Auditor Later", "kind", "OTHER"));

        StringWriter later = new StringWriter();
        assertThat(VerifyCommand.run(new PrintWriter(later, true), new PrintWriter(later, true),
                "--url", url, "--head", saved.toString())).as(later.toString()).isZero();
        assertThat(later.toString()).contains("grew    from the saved head");

        ObjectNode forged = (ObjectNode) JSON.readTree(saved.toFile());
        forged.put("rootHash", HEX.formatHex(new byte[32]));
        Path forgedFile = dir.resolve("forged.json");
        JSON.writeValue(forgedFile.toFile(), forged);
        StringWriter refused = new StringWriter();
        assertThat(VerifyCommand.run(new PrintWriter(refused, true), new PrintWriter(refused, true),
                "--url", url, "--head", forgedFile.toString())).isEqualTo(1);
        assertThat(refused.toString()).contains("the saved head's signature does not verify");
    }

    @Test
    void storedEventsEntriesAndNodesCannotBeUpdatedOrDeleted() {
        for (String sql : List.of("update ledger_entry set actor = 'mallory' where sequence = 0",
                "delete from ledger_entry where sequence = 0",
                "update domain_event_entry set payload_type = 'x' where global_index = (select min(global_index) from domain_event_entry)",
                "delete from domain_event_entry where global_index = (select min(global_index) from domain_event_entry)",
                "update ledger_node set hash = '00' where level = 0 and position = 0",
                "delete from ledger_node where level = 0 and position = 0")) {
            assertThatThrownBy(() -> jdbc.update(sql)).as(sql).hasMessageContaining("append-only");
        }
        assertThat(http.get("/api/ledger/verify").json().get("ok").asBoolean()).isTrue();
    }

    /** What an outside party does with a bundle: the head's signature, each entry's leaf, each inclusion path. */
    static boolean verifyBundle(JsonNode bundle) throws Exception {
        JsonNode head = bundle.get("head");
        if (!verifySignature(head)) {
            return false;
        }
        byte[] root = HEX.parseHex(head.get("rootHash").asText());
        int size = head.get("size").asInt();
        for (JsonNode proven : bundle.get("entries")) {
            JsonNode entry = proven.get("entry");
            JsonNode inclusion = proven.get("inclusion");
            if (inclusion.get("index").asLong() != entry.get("sequence").asLong() || inclusion.get("size").asInt() != size
                    || !Rfc9162Reference.includes(leafHash(entry), entry.get("sequence").asInt(), size, path(inclusion), root)) {
                return false;
            }
        }
        return true;
    }

    static boolean verifySignature(JsonNode head) throws Exception {
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(head.get("publicKey").asText())));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(key);
        ed25519.update((head.get("size").asText() + "\n" + head.get("rootHash").asText() + "\n"
                + head.get("timestamp").asText()).getBytes(StandardCharsets.UTF_8));
        return ed25519.verify(Base64.getDecoder().decode(head.get("signature").asText()));
    }

    /** SHA-256(0x00 || JCS(the seven fields of the served entry)). */
    static byte[] leafHash(JsonNode served) throws Exception {
        ObjectNode entry = JSON.createObjectNode();
        for (String field : List.of("sequence", "type", "aggregateId", "occurredAt", "recordedAt", "actor", "payload")) {
            entry.set(field, served.get(field));
        }
        byte[] canonical = new JsonCanonicalizer(JSON.writeValueAsString(entry)).getEncodedUTF8();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((byte) 0x00);
        return sha256.digest(canonical);
    }

    private static List<byte[]> leaves(List<JsonNode> events, int size) throws Exception {
        List<byte[]> leaves = new ArrayList<>();
        for (JsonNode entry : events.subList(0, size)) {
            leaves.add(leafHash(entry));
        }
        return leaves;
    }

    private static List<byte[]> path(JsonNode proof) {
        List<byte[]> path = new ArrayList<>();
        proof.get("path").forEach(hash -> path.add(HEX.parseHex(hash.asText())));
        return path;
    }

    private static byte[] mth(List<byte[]> leaves) {
        return new Rfc9162Reference(leaves).mth(0, leaves.size());
    }
}
