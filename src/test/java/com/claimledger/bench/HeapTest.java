package com.claimledger.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HeapTest {

    @Test
    void aWindowCountsThePausesThatStartedInItAndTheTimeTheyStoppedItsOwnPart() {
        try (Heap heap = new Heap()) {
            // given: pauses of a made-up clock (ms since the JVM started), far from any real collection's time
            long base = 1L << 40;
            heap.paused(base + 100, 30);
            heap.paused(base + 200, 50);
            heap.paused(base + 400, 10);

            // when: a window from 90 to 210 ms, which ends inside the second pause
            Heap.Pauses pauses = heap.pausesBetween(base + 90, base + 210);

            // then: two pauses started in it, the longest 50 ms; paused 30 + 10 of its 120 ms
            assertThat(pauses.count()).isEqualTo(2);
            assertThat(pauses.longestMs()).isEqualTo(50);
            assertThat(pauses.share()).isCloseTo(40.0 / 120, within(1e-9));
        }
    }

    @Test
    void aWindowThatBeganInsideAPauseIsNeverMoreThanWhollyPaused() {
        try (Heap heap = new Heap()) {
            long base = 1L << 40;
            heap.paused(base, 500);

            Heap.Pauses pauses = heap.pausesBetween(base + 100, base + 200);

            assertThat(pauses.count()).isZero();
            assertThat(pauses.share()).isEqualTo(1.0);
        }
    }

    @Test
    void theLiveSetIsWhatAFullCollectionLeaves() {
        try (Heap heap = new Heap()) {
            heap.measure();

            assertThat(heap.peakBytes()).isPositive()
                    .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
        }
    }
}
