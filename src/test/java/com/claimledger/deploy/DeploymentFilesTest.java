package com.claimledger.deploy;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of docker/ name what the application really has: its artifact, port, profile, health check and
 * settings; and the compose file is valid (Debian's docker-compose checks it without an engine).
 */
class DeploymentFilesTest {

    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    private static final Path COMPOSE = Path.of("docker/compose.yaml");
    private static final Path AXON_SERVER = Path.of("docker/compose.axonserver.yaml");

    @Test
    void theComposeFileIsValid() throws Exception {
        Path compose = Path.of("/usr/bin/docker-compose");
        if (!Files.isExecutable(compose)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("docker-compose is not installed: .ci/run must apt-get install docker-compose");
            }
            Assumptions.abort("docker-compose is not installed here (apt-get install docker-compose)");
        }
        String alone = config(compose, "-f", COMPOSE.toString());
        assertThat(alone).contains("SPRING_PROFILES_ACTIVE: postgres").doesNotContain("axonserver");
        // The Axon Server alternative, layered over the PostgreSQL setup.
        String withAxonServer = config(compose, "-f", COMPOSE.toString(), "-f", AXON_SERVER.toString());
        assertThat(withAxonServer).contains("SPRING_PROFILES_ACTIVE: postgres,axonserver")
                .contains("AXON_AXONSERVER_SERVERS: axonserver:8124").contains("image: axoniq/axonserver");
    }

    private static String config(Path compose, String... files) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(compose.toString()));
        command.addAll(java.util.List.of(files));
        command.add("config");
        Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void theFilesNameWhatTheApplicationHas() throws IOException {
        String pom = read(Path.of("pom.xml"));
        String dockerfile = read(DOCKERFILE);
        String compose = read(COMPOSE);
        String application = read(Path.of("src/main/resources/application.yml"));

        assertThat(dockerfile).contains("target/" + first(pom, "<artifactId>(claim-ledger)</artifactId>") + "-*.jar");
        String port = first(application, "(?m)^server:\\s*\\n\\s+port: (\\d+)");
        assertThat(dockerfile).contains("EXPOSE " + port);
        assertThat(compose).contains("\"" + port + ":" + port + "\"");
        assertThat(read(Path.of("docker/nginx.conf"))).contains("node-a:" + port).contains("node-b:" + port);
        assertThat(application).contains("probes:").contains("readiness:");
        assertThat(dockerfile).contains("/actuator/health/readiness");
        assertThat(dockerfile).contains("USER ledger");
        assertThat(compose).contains("SPRING_PROFILES_ACTIVE: postgres");
        assertThat(Path.of("src/main/resources/application-postgres.yml")).exists();
        // The Axon Server alternative names a profile the application has, and the setting that profile reads.
        String axonServer = read(AXON_SERVER);
        assertThat(axonServer).contains("SPRING_PROFILES_ACTIVE: postgres,axonserver").contains("axonserver:8124");
        assertThat(read(Path.of("src/main/resources/application-axonserver.yml")))
                .contains("axonserver:").contains("enabled: true").contains("servers:");
        // Every LEDGER_* setting the files use is a property the application reads.
        String sources = read(Path.of("src/main/java/com/claimledger/ledger/integrity/IntegrityService.java"))
                + read(Path.of("src/main/java/com/claimledger/ledger/config/LedgerConfiguration.java"))
                + read(Path.of("src/main/java/com/claimledger/web/security/TokenRegistry.java"))
                + application;
        for (String setting : new String[]{"ledger.integrity.key-dir", "ledger.node-id", "ledger.data-dir",
                "ledger.security.admins"}) {
            assertThat(sources).as(setting).contains(setting);
        }
        assertThat(compose).contains("LEDGER_INTEGRITY_KEY_DIR").contains("LEDGER_NODE_ID").contains("LEDGER_SECURITY_ADMINS");
        assertThat(dockerfile).contains("LEDGER_DATA_DIR");
    }

    private static String first(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return matcher.group(1);
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
