package com.claimledger.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The database the measured nodes share: the embedded H2 file database under the run's data directory (the default),
 * or an empty PostgreSQL database given by its JDBC URL (the {@code postgres} profile), with a second empty one for
 * the raw-insert limit.
 */
record Store(String url, String user, String password, String rawUrl) {

    static Store h2() {
        return new Store(null, "sa", "", null);
    }

    boolean postgres() {
        return url != null;
    }

    /** The node's settings that select this database. */
    List<String> nodeSettings() {
        return postgres() ? List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password) : List.of();
    }

    /** The ledger to read from; on H2 its results stream row by row instead of being gathered (10^5 claims and more). */
    String sourceUrl(Path dataDir) {
        return postgres() ? url : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ledger")
                + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;LAZY_QUERY_EXECUTION=TRUE";
    }

    String targetUrl(Path rawDir) {
        return postgres() ? rawUrl : "jdbc:h2:file:" + rawDir.toAbsolutePath().resolve("ledger") + ";WRITE_DELAY=0";
    }

    String vendor() {
        return postgres() ? "postgresql" : "h2";
    }

    String describe() {
        return postgres() ? "PostgreSQL " + url.replaceAll("//[^@/]*@", "//") : "H2 file database";
    }
}
