package com.claimledger.ledger.integrity;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A stopped ledger's files, copied and tampered with as an attacker with file access would: the triggers refuse
 * UPDATE and DELETE; with the triggers dropped, an edited ledger entry, an edited event in Axon's event store, a
 * deleted entry and two swapped entries are each reported by {@code /api/ledger/verify} and by the offline
 * verifier with the exact sequence, and the offline verifier's exit code says so. Also: the signed head survives a
 * restart with the same key and root.
 */
class TamperTest {

    private static final List<String> GUARDED = List.of("domain_event_entry", "ledger_entry", "ledger_node");

    @TempDir
    static Path work;

    private static Path original;
    private static JsonNode headBeforeRestart;

    @BeforeAll
    static void aStoppedLedger() throws Exception {
        original = work.resolve("original");
        try (ConfigurableApplicationContext app = start(original)) {
            Http http = new Http(port(app));
            assertThat(http.post("/api/claims/iwpr-ky-14-gknb-amirov-shot-in-raid/amendments",
                    Map.of("statement", "Amirov was shot in the raid.", "reason", "wording")).status()).isEqualTo(200);
            headBeforeRestart = http.get("/api/ledger/head").json();
            assertThat(headBeforeRestart.get("size").asLong()).isGreaterThan(60);
        }
    }

    @Test
    void theSignedHeadSurvivesARestart() throws Exception {
        assertThat(LedgerProofsTest.verifySignature(headBeforeRestart)).isTrue();
        Path copy = copyOfOriginal("restart");
        try (ConfigurableApplicationContext app = start(copy)) {
            JsonNode after = new Http(port(app)).get("/api/ledger/head").json();
            assertThat(LedgerProofsTest.verifySignature(after)).isTrue();
            assertThat(after.get("publicKey").asText()).isEqualTo(headBeforeRestart.get("publicKey").asText());
            assertThat(after.get("size").asLong()).isEqualTo(headBeforeRestart.get("size").asLong());
            assertThat(after.get("rootHash").asText()).isEqualTo(headBeforeRestart.get("rootHash").asText());
        }
        assertThat(Files.getPosixFilePermissions(copy.resolve(HeadSigner.PRIVATE_KEY_FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anIntactCopyVerifiesOffline() throws Exception {
        Path copy = copyOfOriginal("intact");
        Offline result = offline(copy);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("size    " + headBeforeRestart.get("size").asLong())
                .contains("root    " + headBeforeRestart.get("rootHash").asText()).contains("verdict intact");
    }

    @Test
    void theTriggersRefuseUpdateAndDelete() throws Exception {
        Path copy = copyOfOriginal("guarded");
        try (Connection db = open(copy); Statement sql = db.createStatement()) {
            for (String table : GUARDED) {
                assertThatThrownBy(() -> sql.executeUpdate("update " + table + " set " + (table.equals("ledger_node")
                        ? "hash = hash" : table.equals("ledger_entry") ? "actor = 'mallory'" : "payload_type = 'x'")))
                        .as(table).hasMessageContaining("append-only");
                assertThatThrownBy(() -> sql.executeUpdate("delete from " + table)).as(table).hasMessageContaining("append-only");
            }
        }
        assertThat(offline(copy).exit()).isZero();
    }

    @Test
    void anEditedLedgerEntryIsFound() throws Exception {
        assertTamperingFoundAt(40, "edited-entry",
                "update ledger_entry set payload = replace(payload, '\"claimId\"', '\"claimId\" ') where sequence = 40",
                "update ledger_entry set actor = 'mallory' where sequence = 40");
    }

    @Test
    void anEditedEventInTheEventStoreIsFound() throws Exception {
        assertTamperingFoundAt(30, "edited-event", """
                update domain_event_entry set payload = stringtoutf8(regexp_replace(utf8tostring(payload), '^[{]', '{"forged":true,'))
                where event_identifier = (select event_id from ledger_entry where sequence = 30)""");
    }

    @Test
    void aDeletedEntryIsFound() throws Exception {
        assertTamperingFoundAt(20, "deleted", "delete from ledger_entry where sequence = 20");
    }

    @Test
    void twoSwappedEntriesAreFound() throws Exception {
        assertTamperingFoundAt(50, "swapped", "update ledger_entry set sequence = -1 where sequence = 50",
                "update ledger_entry set sequence = 50 where sequence = 51",
                "update ledger_entry set sequence = 51 where sequence = -1");
    }

    private void assertTamperingFoundAt(long sequence, String name, String... tampering) throws Exception {
        Path copy = copyOfOriginal(name);
        try (Connection db = open(copy); Statement sql = db.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate(tampering[0])).hasMessageContaining("append-only");
            for (String table : GUARDED) {
                sql.execute("drop trigger " + table + "_append_only");
            }
            for (String statement : tampering) {
                assertThat(sql.executeUpdate(statement)).as(statement).isPositive();
            }
        }
        Offline result = offline(copy);
        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("TAMPERED: first bad entry " + sequence + " ");

        try (ConfigurableApplicationContext app = start(copy)) {
            JsonNode verdict = new Http(port(app)).get("/api/ledger/verify").json();
            assertThat(verdict.get("ok").asBoolean()).isFalse();
            assertThat(verdict.get("firstMismatch").asLong()).as(verdict.toString()).isEqualTo(sequence);
        }
    }

    private record Offline(int exit, String output) {
    }

    private static Offline offline(Path dataDir) {
        StringWriter out = new StringWriter();
        int exit = VerifyCommand.run(new PrintWriter(out, true), new PrintWriter(out, true), "--data", dataDir.toString());
        return new Offline(exit, out.toString());
    }

    private static Path copyOfOriginal(String name) throws Exception {
        Path copy = work.resolve(name);
        FileSystemUtils.copyRecursively(original, copy);
        return copy;
    }

    private static Connection open(Path dataDir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ledger"), "sa", "");
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(ClaimLedgerApplication.class).run("--ledger.data-dir=" + dataDir,
                "--server.port=0", "--ledger.security.editors=editor:" + Http.EDITOR);
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
