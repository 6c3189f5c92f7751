package com.claimledger.dossier;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A seed dossier ({@code ledger.seed.dossier} may name any file) is input like an import's body: given a seed with a
 * control character in a claim's statement, or a key twice, when a node starts on it, then the start fails naming the
 * seed and the rule — the API's input rules apply to it, though stored events are read without them.
 */
class SeedInputTest {

    private static final String ARTICLE = "{\"id\": \"seed-in-a\", \"url\": \"https://seed.example/a\", \"title\": \"t\","
            + " \"outlet\": \"Seed\", \"publishedAt\": \"2020-01-01\"}";

    @Test
    void aControlCharacterInTheSeedStopsTheStart(@TempDir Path dataDir) throws Exception {
        assertRefused(dataDir, "{\"articles\": [" + ARTICLE + "], \"claims\": [{\"id\": \"seed-in-1\", \"articleId\":"
                + " \"seed-in-a\", \"statement\": \"a\\u0007b\", \"attributedTo\": \"X\"}]}", "control characters");
    }

    @Test
    void aKeyTwiceInTheSeedStopsTheStart(@TempDir Path dataDir) throws Exception {
        assertRefused(dataDir, "{\"articles\": [" + ARTICLE + "], \"articles\": []}", "Duplicate field 'articles'");
    }

    private static void assertRefused(Path dataDir, String dossier, String rule) throws Exception {
        Path seed = dataDir.resolve("seed.json");
        Files.writeString(seed, dossier, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new SpringApplicationBuilder(ClaimLedgerApplication.class).run(TestDatabase.args(
                "--ledger.data-dir=" + dataDir.resolve("data"), "--server.port=0",
                "--ledger.seed.dossier=file:" + seed)).close())
                .hasStackTraceContaining("the seed dossier").hasStackTraceContaining("cannot be read")
                .hasStackTraceContaining(rule);
    }
}
