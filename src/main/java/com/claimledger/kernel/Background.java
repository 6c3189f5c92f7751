package com.claimledger.kernel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Stopping the ledger's own background threads (H2's housekeeping, the ledger stream's tail, the event store's poll)
 * when the application closes. They are stopped without an interrupt: an interrupt that lands in a read of H2's
 * file makes Java close the file's channel ({@code ClosedByInterruptException}), and H2 then closes the whole
 * database under every other thread — the projections' transactions in flight fail and the next start recovers the
 * file. Seen at the end of a 10^6 benchmark run, when the housekeeping's compaction was interrupted mid-read.
 */
public final class Background {

    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private Background() {
    }

    /**
     * Cancels the executor's periodic and delayed work (a task already due still runs) and waits up to
     * {@code patience} for the round in progress to end, never interrupting it.
     *
     * @return whether the executor ended within {@code patience}; if not, its thread is left to end on its own
     */
    public static boolean stop(ExecutorService executor, Duration patience, String what) {
        // A scheduled executor's shutdown drops its periodic tasks by default but still runs its delayed ones when
        // due (a retry scheduled a minute ahead would hold the stop for that minute): those are dropped too — for an
        // executor made as a ScheduledThreadPoolExecutor; Executors' single-thread one hides that setting. A task
        // running completes.
        if (executor instanceof ScheduledThreadPoolExecutor scheduled) {
            scheduled.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        executor.shutdown();
        try {
            if (executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            log.warn("{} did not end within {}; left to end on its own", what, patience);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
