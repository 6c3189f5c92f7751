package com.claimledger.ledger.config;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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

    @Test
    void keepsTheFileOfManySmallCommitsFromGrowingWithDeadChunks(@TempDir Path dir) throws SQLException {
        long without = workload(dir.resolve("without"), false);
        long with = workload(dir.resolve("with"), true);

        System.out.printf("H2 file after the same small commits: %,d bytes without housekeeping, %,d with%n",
                without, with);
        assertThat(with).as("file with housekeeping (without: %,d)", without).isLessThan(without * 3 / 4);
    }

    /** Many small commits that each rewrite a path of pages, as a ledger's single writes do; the file's size after. */
    private static long workload(Path dir, boolean housekeeping) throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection keepOpen = h2.getConnection(); Statement sql = keepOpen.createStatement()) {
            sql.execute("create table entry (id int primary key, body varchar(400))");
            H2Housekeeping keeper = new H2Housekeeping(h2, Duration.ZERO, 80, 64);
            MVStore store = keeper.store();
            assertThat(store).as("the embedded store").isNotNull();
            try (PreparedStatement insert = keepOpen.prepareStatement("merge into entry key (id) values (?, ?)")) {
                for (int i = 0; i < 6000; i++) {
                    insert.setInt(1, i % 500);
                    insert.setString(2, "entry " + i + " ".repeat(300));
                    insert.executeUpdate();
                    if (housekeeping && i % 50 == 49) {
                        keeper.compact();
                    }
                }
            }
            try (var rows = sql.executeQuery("select count(*) from entry")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(500);
            }
            return store.getFileStore().size();
        }
    }

    @Test
    void onAnotherDatabaseThereIsNothingToKeep() {
        javax.sql.DataSource other = new org.springframework.jdbc.datasource.SimpleDriverDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                throw new SQLException("not reachable");
            }
        };
        H2Housekeeping housekeeping = new H2Housekeeping(other, Duration.ofSeconds(1), 80, 1024);
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
            H2Housekeeping housekeeping = new H2Housekeeping(h2, Duration.ofMillis(10), 80, 64) {
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
