package com.claimledger.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A background round in progress when the application stops ends on its own terms: never interrupted. */
class BackgroundTest {

    @Test
    void stopWaitsForTheRoundInProgressWithoutInterruptingItAndRunsNoOther() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        executor.scheduleWithFixedDelay(() -> {
            rounds.incrementAndGet();
            started.countDown();
            try {
                release.await(); // a database read in progress
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(
                () -> Background.stop(executor, Duration.ofSeconds(10), "a round"));
        Thread.sleep(200);
        assertThat(stopped).as("stop waits for the round").isNotDone();
        release.countDown();

        assertThat(stopped.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).as("the round was interrupted").isFalse();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(rounds).hasValue(1);
    }

    @Test
    void aRoundThatDoesNotEndInTimeIsLeftRunningNotInterrupted() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        executor.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(Background.stop(executor, Duration.ofMillis(100), "a long round")).isFalse();
        assertThat(interrupted).isFalse();
        release.countDown();
        assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isFalse();
    }

    /**
     * A one-off task scheduled ahead (a retry a minute off) does not hold the stop until it is due, and never runs:
     * a scheduled executor's shutdown keeps such tasks by default.
     */
    @Test
    void aTaskScheduledAheadIsDroppedNotWaitedFor() throws Exception {
        ScheduledExecutorService executor = new ScheduledThreadPoolExecutor(1);
        AtomicBoolean ran = new AtomicBoolean();
        executor.schedule(() -> ran.set(true), 1, TimeUnit.HOURS);

        assertThat(Background.stop(executor, Duration.ofSeconds(10), "a retry")).isTrue();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(ran).isFalse();
    }
}
