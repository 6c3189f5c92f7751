package com.claimledger.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The heap and its collections over the run. What the run holds on the heap: the largest heap in use right after a
 * <em>full</em> collection — one the JVM ran on its own during a step, or one the harness asks for ({@link #measure()}) at the end of each step, while the
 * nodes still hold what they built — which is the live set.
 * <p>
 * The heap after a young or mixed collection is kept too, as an upper bound only: G1 leaves the old regions it did
 * not choose as they were, garbage included, so under steady load on a small heap that figure sits near -Xmx
 * whatever the live set (the harness reported it as the peak until the fifth round of docs/benchmarks.md: 510 MiB
 * of 512 at 10^6, where the full collections of the same runs left 100–170 MiB).
 * <p>
 * And the pauses: every collection's stop of the application, so that a figure's p99 can be read beside the pauses
 * that fell into its own window ({@link #pausesBetween}).
 */
final class Heap implements NotificationListener, AutoCloseable {

    private static final String FULL = "end of major GC";

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong afterAny = new AtomicLong();
    private final AtomicInteger fullCollections = new AtomicInteger();
    /** Each collection's start and duration, ms since the JVM started (the clock of {@link #uptimeMillis()}). */
    private final Queue<long[]> pauses = new ConcurrentLinkedQueue<>();

    Heap() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey())).map(pool -> pool.getValue())
                .mapToLong(MemoryUsage::getUsed).sum();
        afterAny.accumulateAndGet(used, Math::max);
        if (!"System.gc()".equals(info.getGcCause())) {
            paused(info.getGcInfo().getStartTime(), info.getGcInfo().getDuration());
        }
        if (FULL.equals(info.getGcAction())) {
            live.accumulateAndGet(used, Math::max);
            if (!"System.gc()".equals(info.getGcCause())) {
                // The heap ran short during a step: its collector could not keep up by young and mixed collections.
                fullCollections.incrementAndGet();
            }
        }
    }

    /**
     * A full collection now, between steps (never inside a timed one), and the heap it leaves: read at once rather
     * than from the notification, which the JVM delivers later on another thread.
     */
    void measure() {
        System.gc();
        live.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    }

    /** The live set: bytes in use after the fullest full collection; 0 if none ran. */
    long peakBytes() {
        return live.get();
    }

    /** Bytes in use after the fullest collection of any kind: an upper bound of the live set, not the live set. */
    long afterAnyCollectionBytes() {
        return afterAny.get();
    }

    /** Full collections the JVM ran on its own (not those {@link #measure()} asked for). */
    int fullCollections() {
        return fullCollections.get();
    }

    /** A collection that stopped the application (the harness's own between steps are not recorded). */
    void paused(long startMillis, long durationMillis) {
        pauses.add(new long[]{startMillis, durationMillis});
    }

    /** Milliseconds since the JVM started: the clock of the collections' start times. */
    static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /**
     * The collections that started in this window (bounds from {@link #uptimeMillis()}): how many, the longest, and
     * the share of the window they stopped the application. The JVM reports a collection shortly after it ends, on
     * another thread: ask after the run, not at the window's end. (G1 reports young and mixed collections, whose
     * duration is their pause, and full ones; its concurrent marking runs beside the application and is not counted.)
     */
    Pauses pausesBetween(long fromMillis, long toMillis) {
        int count = 0;
        long longest = 0;
        long total = 0;
        for (long[] pause : pauses) {
            if (pause[0] >= fromMillis && pause[0] < toMillis) {
                count++;
                longest = Math.max(longest, pause[1]);
            }
            // The share counts only the part inside the window: a short window may end inside a pause.
            total += Math.max(0, Math.min(pause[0] + pause[1], toMillis) - Math.max(pause[0], fromMillis));
        }
        return new Pauses(count, longest, toMillis > fromMillis ? (double) total / (toMillis - fromMillis) : 0);
    }

    /** Collections in one measured window: how many, the longest (ms), the share of the window spent in them. */
    record Pauses(int count, long longestMs, double share) {
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException e) {
                // already gone
            }
        }
    }
}
