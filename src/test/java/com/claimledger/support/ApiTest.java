package com.claimledger.support;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Path;

/**
 * Base of the tests over real HTTP. All of them share one application (one Spring context) on a fresh data
 * directory with the seed loaded and known tokens; each test uses its own ids. They run on H2, and again on PostgreSQL
 * in the {@code postgres} execution of {@code mvn verify} ({@link TestDatabase}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.data-dir=target/test-data/api",
        "ledger.security.editors=editor:" + Http.EDITOR,
        "ledger.security.admins=admin:" + Http.ADMIN,
        // Small, so that the suite reads both ways: from the few matching claims, and walking all claims in order.
        "ledger.search.few-matches=20"
})
@ActiveProfiles(resolver = TestDatabase.class)
public abstract class ApiTest {

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/test-data/api").toFile());
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @BeforeAll
    static void databaseInstalled() throws Exception {
        TestDatabase.assumeAvailable();
    }

    @LocalServerPort
    protected int port;

    protected Http http;

    @BeforeEach
    protected void client() {
        http = new Http(port);
    }
}
