package com.claimledger.ledger.replay;

import com.claimledger.kernel.Background;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks at the replay lease every {@code ledger.replay.lease-watch} and pauses this node's projections while another
 * node's replay rebuilds them ({@link ReplayService#keepOffReplayElsewhere}). Runs while Axon's processors do: it starts
 * after them and stops before them, so that it never starts a processor Axon is shutting down.
 */
@Component
class ReplayWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplayWatch.class);

    private final ReplayService replays;
    private final ReplayLease lease;
    private final Duration interval;
    private ScheduledExecutorService timer;

    ReplayWatch(ReplayService replays, ReplayLease lease, @Value("${ledger.replay.lease-watch:1s}") Duration interval) {
        this.replays = replays;
        this.lease = lease;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        lease.forgetIfEmbedded();
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "replay-watch");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::look, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void look() {
        try {
            replays.keepOffReplayElsewhere();
        } catch (RuntimeException e) {
            // The next look tries again; a database that cannot be read now changes nothing here.
            log.warn("could not look at the replay lease: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            Background.stop(timer, Duration.ofSeconds(30), "the replay watch");
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    }
}
