package com.claimledger.web.security;

import com.claimledger.ClaimLedgerApplication;
import com.claimledger.support.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the ledger says about its tokens at start: a warning when editors are configured without any admin (the
 * admin operations are then closed to everyone), and never Spring Security's generated password, which opens nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupMessagesTest {

    private static final String NO_ADMIN = "ledger.security.editors is set but ledger.security.admins is not";

    @Test
    void editorsWithoutAnAdminAreWarnedAndNoPasswordIsGenerated(@TempDir Path dataDir, CapturedOutput output) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ClaimLedgerApplication.class).run(
                "--ledger.data-dir=" + dataDir, "--server.port=0", "--ledger.seed.enabled=false",
                "--ledger.security.editors=editor:" + Http.EDITOR)) {
            assertThat(output).contains(NO_ADMIN);
            assertThat(output).doesNotContainIgnoringCase("generated security password");
            assertThat(app.getBeanNamesForType(UserDetailsService.class)).as("no in-memory user").isEmpty();
        }
    }

    @Test
    void noWarningWithAnAdminOrWithTheGeneratedToken(@TempDir Path dataDir, CapturedOutput output) {
        new TokenRegistry(List.of("editor:e"), List.of("admin:a"), dataDir);
        new TokenRegistry(List.of(), List.of("admin:a"), dataDir);
        new TokenRegistry(List.of(), List.of(), dataDir);
        assertThat(output).doesNotContain(NO_ADMIN);
        new TokenRegistry(List.of("editor:e", "other:o"), List.of(""), dataDir);
        assertThat(output).contains(NO_ADMIN);
    }
}
