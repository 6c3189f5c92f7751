package com.claimledger.ledger.config;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code WRITE_DELAY=0} H2 compacts nothing by itself: every small commit leaves a chunk that stays however
 * little of it is live. Given such a file, a housekeeping round raises the live share of its chunks to the target;
 * on a database that is not embedded H2 there is nothing to do.
 */
class H2HousekeepingTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    /**
     * The rounds say what they did once a minute when any of them rewrote chunks — after a large import a file may
     * need compacting for minutes, a share of a core the node's requests do not get — and nothing for an idle file.
     */
    @Test
    void reportsWhatTheRoundsRewroteAndHowLongTheyTookButNotAnIdleFilesRounds(@TempDir Path dir) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection keepOpen = h2.getConnection(); Statement sql = keepOpen.createStatement()) {
            sql.execute("create table entry (id int primary key, body varchar(400))");
            H2Housekeeping idle = new H2Housekeeping(h2, Duration.ZERO, 80, 64, 25, MINUTE);
            idle.compact();
            assertThat(idle.report(idle.store(), MINUTE)).as("rounds of a file with nothing to rewrite").isEmpty();

            H2Housekeeping keeper = new H2Housekeeping(h2, Duration.ZERO, 80, 64, 25, MINUTE);
            churn(keepOpen, 3000, keeper);
            assertThat(keeper.report(keeper.store(), MINUTE)).hasValueSatisfying(line -> assertThat(line)
                    .matches("H2 housekeeping: [1-9]\\d* of 60 rounds in the last 60 s rewrote sparse chunks, "
                            + "\\d+\\.\\d s of the rounds' thread \\(\\d+% of one core\\); the file \\d+ MiB, its chunks "
                            + "\\d+% live"));

            // Reported at the end of the window, the rounds are counted afresh.
            H2Housekeeping everyRound = new H2Housekeeping(h2, Duration.ZERO, 80, 64, 25, Duration.ZERO);
            sql.execute("update entry set body = body || 'x'");
            everyRound.compact();
            assertThat(everyRound.report(everyRound.store(), MINUTE)).as("after a report").isEmpty();
        }
    }

    @Test
    void keepsTheFileOfManySmallCommitsFromGrowingWithDeadChunks(@TempDir Path dir) throws SQLException {
        long without = workload(dir.resolve("without"), false);
        long with = workload(dir.resolve("with"), true);

        System.out.printf("H2 file after the same small commits: %,d bytes without housekeeping, %,d with%n",
                without, with);
        assertThat(with).as("file with housekeeping (without: %,d)", without).isLessThan(without * 3 / 4);
    }

    /**
     * {@code merges} small commits over the 500 rows of table {@code entry}, each rewriting a path of pages as a
     * ledger's single writes do; a housekeeping round (if {@code keeper} is given) after every 50th.
     */
    static void churn(Connection connection, int merges, H2Housekeeping keeper) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("merge into entry key (id) values (?, ?)")) {
            for (int i = 0; i < merges; i++) {
                insert.setInt(1, i % 500);
                insert.setString(2, "entry " + i + " ".repeat(300));
                insert.executeUpdate();
                if (keeper != null && i % 50 == 49) {
                    keeper.compact();
                }
            }
        }
    }

    /** Many small commits that each rewrite a path of pages, as a ledger's single writes do; the file's size after. */
    private static long workload(Path dir, boolean housekeeping) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection keepOpen = h2.getConnection(); Statement sql = keepOpen.createStatement()) {
            sql.execute("create table entry (id int primary key, body varchar(400))");
            H2Housekeeping keeper = new H2Housekeeping(h2, Duration.ZERO, 80, 64, 25, MINUTE);
            MVStore store = keeper.store();
            assertThat(store).as("the embedded store").isNotNull();
            churn(keepOpen, 6000, housekeeping ? keeper : null);
            try (var rows = sql.executeQuery("select count(*) from entry")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(500);
            }
            return store.getFileStore().size();
        }
    }

    /**
     * The pages a round rewrites are written by the next commit, as one chunk, through one of H2's write buffers; H2
     * keeps a buffer for reuse only up to 4 MiB. With the shipped write limit every chunk after a round fits such a
     * buffer; with the limit it shipped before (8 MiB) the same file gives chunks above it — on the JVM a new array of
     * 1–10 MiB each round, each one a G1 humongous allocation that started a concurrent cycle (docs/benchmarks.md,
     * eleventh round).
     */
    @Test
    void aRoundAtTheShippedWriteLimitWritesChunksThatFitTheBufferH2Reuses(@TempDir Path dir) throws SQLException {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        int shippedKb = Integer.parseInt(yaml.getObject().getProperty("ledger.h2.compact-write-kb"));

        long shipped = largestChunkAfterRounds(dir.resolve("shipped"), shippedKb);
        long before = largestChunkAfterRounds(dir.resolve("before"), 8192);

        System.out.printf("largest chunk after housekeeping rounds: %,d bytes at %d KiB a round, %,d at 8192 KiB%n",
                shipped, shippedKb, before);
        assertThat(shipped).as("largest chunk at the shipped %d KiB a round (a round's pages, not a commit's alone)",
                        shippedKb).isGreaterThan(1024 * 1024)
                .isLessThanOrEqualTo(H2Housekeeping.REUSED_WRITE_BUFFER_BYTES);
        assertThat(before).as("the workload gives chunks above the reused buffer at 8 MiB a round")
                .isGreaterThan(H2Housekeeping.REUSED_WRITE_BUFFER_BYTES);
    }

    /**
     * A file with sparse chunks (36 MB of rows, then three blocks of rows in four rewritten), compacted in rounds of
     * {@code writeKb}, each followed by a small commit; the largest chunk written from the first round on.
     */
    private static long largestChunkAfterRounds(Path dir, int writeKb) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection keepOpen = h2.getConnection(); Statement sql = keepOpen.createStatement()) {
            sparse(keepOpen);
            H2Housekeeping keeper = new H2Housekeeping(h2, Duration.ZERO, 80, writeKb, 25, MINUTE);
            MVStore store = keeper.store();
            // The layout map lists a chunk from the next commit on.
            sql.execute("insert into tick values (-1)");
            Set<String> before = new HashSet<>(chunks(store).keySet());
            for (int round = 0; round < 6; round++) {
                keeper.compact();
                sql.execute("insert into tick values (" + round + ")");
            }
            return chunks(store).entrySet().stream().filter(chunk -> !before.contains(chunk.getKey()))
                    .mapToLong(Map.Entry::getValue).max().orElse(0);
        }
    }

    /** 36 MB of rows, then three blocks of rows in four rewritten: sparse chunks; and an empty table {@code tick}. */
    private static void sparse(Connection keepOpen) throws SQLException {
        try (Statement sql = keepOpen.createStatement()) {
            sql.execute("create table entry (id int primary key, body varchar(2000))");
            sql.execute("create table tick (id int primary key)");
            String body = "x".repeat(1000);
            keepOpen.setAutoCommit(false);
            try (PreparedStatement insert = keepOpen.prepareStatement("insert into entry values (?, ?)")) {
                for (int i = 0; i < 36_000; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, body + i);
                    insert.addBatch();
                    if (i % 2000 == 1999) {
                        insert.executeBatch();
                        keepOpen.commit();
                    }
                }
            }
            try (PreparedStatement update = keepOpen.prepareStatement("update entry set body = ? where id = ?")) {
                for (int i = 0, n = 0; i < 36_000; i++) {
                    if (i / 100 % 4 != 0) {
                        update.setString(1, body + "again " + i);
                        update.setInt(2, i);
                        update.addBatch();
                        if (++n % 2000 == 0) {
                            update.executeBatch();
                            keepOpen.commit();
                        }
                    }
                }
                update.executeBatch();
                keepOpen.commit();
            }
            keepOpen.setAutoCommit(true);
        }
    }

    /**
     * While a replay holds the housekeeping back its rounds move nothing — unless the file has grown past the share
     * allowed since — and once the replay lets go they move the sparse chunks' pages as before.
     */
    @Test
    void heldBackARoundMovesNothingUntilLetGoOrTheFileOutgrowsTheAllowance(@TempDir Path dir) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection keepOpen = h2.getConnection(); Statement sql = keepOpen.createStatement()) {
            // Held back at the empty file's size, allowing no growth.
            H2Housekeeping strict = new H2Housekeeping(h2, Duration.ZERO, 80, 1024, 0, MINUTE);
            H2Housekeeping.HeldBack early = strict.holdBack();
            sparse(keepOpen);
            H2Housekeeping keeper = new H2Housekeeping(h2, Duration.ZERO, 80, 1024, 25, MINUTE);
            MVStore store = keeper.store();
            sql.execute("insert into tick values (-1)");
            int[] tick = {0};
            Runnable round = () -> {
                keeper.compact();
                try {
                    sql.execute("insert into tick values (" + tick[0]++ + ")");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };

            H2Housekeeping.HeldBack replay = keeper.holdBack();
            assertThat(writtenBy(store, round)).as("held back: the tick's commit only").isLessThan(64 * 1024);

            // Past the allowance (here: any growth since the file was empty) the rounds run although held back.
            assertThat(writtenBy(store, () -> {
                strict.compact();
                round.run();
            })).as("held back, the file grown past 0%").isGreaterThan(512 * 1024);
            early.close();

            replay.close();
            replay.close();
            assertThat(writtenBy(store, round)).as("let go: a round's pages moved").isGreaterThan(512 * 1024);
        }
    }

    /**
     * The bytes of the chunks that {@code work} (ending with a commit) added to the file; the layout map lists the
     * chunk of a commit from the next commit on, so {@code work} runs twice and the first run's chunks count.
     */
    private static long writtenBy(MVStore store, Runnable work) {
        work.run();
        Set<String> before = new HashSet<>(chunks(store).keySet());
        work.run();
        return chunks(store).entrySet().stream().filter(chunk -> !before.contains(chunk.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The file's chunks (their names in H2's layout map) and their lengths in bytes (H2 counts 4 KiB blocks). */
    private static Map<String, Long> chunks(MVStore store) {
        Map<String, Long> lengths = new java.util.HashMap<>();
        store.getLayoutMap().forEach((key, value) -> {
            if (key.startsWith(DataUtils.META_CHUNK)) {
                lengths.put(key, DataUtils.readHexLong(DataUtils.parseMap(value), "len", 0) * 4096);
            }
        });
        return lengths;
    }

    @Test
    void onAnotherDatabaseThereIsNothingToKeep() {
        javax.sql.DataSource other = new org.springframework.jdbc.datasource.SimpleDriverDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLException("not reachable");
            }
        };
        H2Housekeeping housekeeping = new H2Housekeeping(other, Duration.ofSeconds(1), 80, 1024, 25, MINUTE);
        assertThat(housekeeping.store()).isNull();
        housekeeping.start();
        assertThat(housekeeping.isRunning()).isFalse();
    }

    /**
     * The application's stop finds a round in progress: it waits for it and does not interrupt it. An interrupt
     * inside a read of H2's file closes the file's channel and, with it, the database under every other thread (the
     * end of a 10^6 benchmark run, docs/benchmarks.md, eighth round).
     */
    @Test
    void stopLetsTheRoundInProgressEndWithoutInterruptingIt(@TempDir Path dir) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger") + ";WRITE_DELAY=0");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        try (Connection keepOpen = h2.getConnection(); Statement sql = keepOpen.createStatement()) {
            H2Housekeeping housekeeping = new H2Housekeeping(h2, Duration.ofMillis(10), 80, 64, 25, MINUTE) {
                @Override
                void compact() {
                    started.countDown();
                    try {
                        release.await(); // a round reading the file
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                    super.compact();
                }
            };
            housekeeping.start();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stop = CompletableFuture.runAsync(housekeeping::stop);
            Thread.sleep(200);
            assertThat(stop).as("stop waits for the round").isNotDone();
            release.countDown();
            stop.get(10, TimeUnit.SECONDS);

            assertThat(interrupted).as("the round was interrupted").isFalse();
            assertThat(housekeeping.isRunning()).isFalse();
            assertThat(housekeeping.store().isClosed()).isFalse();
            sql.execute("create table still_open (id int)");
        }
    }
}
