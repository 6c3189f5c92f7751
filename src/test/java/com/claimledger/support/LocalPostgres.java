package com.claimledger.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests, from Debian's {@code postgresql} package (installed by .ci/run): a fresh
 * cluster in a temporary directory on a free loopback port, stopped and removed at the end. PostgreSQL refuses to
 * run as root, so as root the server runs as the package's {@code postgres} user. Without the package the tests are
 * skipped locally, and fail in CI ({@code CI=true}), where it must be there.
 */
public final class LocalPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean root;

    private LocalPostgres(Path bin, Path dir, int port, boolean root) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.root = root;
    }

    public static LocalPostgres start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("ledger-postgres");
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        LocalPostgres server = new LocalPostgres(bin, dir, freePort(), root);
        server.run("initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--no-locale");
        server.run("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w",
                "-o", "-p " + server.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on", "start");
        try (Connection admin = DriverManager.getConnection(server.url("postgres"), "postgres", "");
             Statement sql = admin.createStatement()) {
            sql.execute("create user ledger password 'ledger'");
        }
        return server;
    }

    /** A new, empty database owned by the ledger's user; its JDBC URL. */
    public String createDatabase(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement sql = admin.createStatement()) {
            sql.execute("create database " + name + " owner ledger");
        }
        return url(name);
    }

    /** A new, empty database owned by the ledger's user, created with these options (a collation, say). */
    public String createDatabase(String name, String options) throws SQLException {
        try (Connection admin = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement sql = admin.createStatement()) {
            sql.execute("create database " + name + " owner ledger " + options);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws Exception {
        run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(program + " failed: " + Files.readString(dir.resolve("commands.log")));
        }
    }

    private static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        Path bin = null;
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                bin = installed.map(version -> version.resolve("bin")).filter(path -> Files.isExecutable(path.resolve("initdb")))
                        .max(Comparator.comparing(Path::toString)).orElse(null);
            }
        }
        if (bin == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL is not installed: .ci/run must apt-get install postgresql");
            }
            Assumptions.abort("PostgreSQL is not installed here (apt-get install postgresql)");
        }
        return bin;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
