package com.claimledger.ledger.replay;

import org.axonframework.lifecycle.Phase;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ends a replay under way when the node stops ({@link ReplayService#stopForNodeStop()}), in a phase of Spring's
 * lifecycle after the web server's stop (no request starts another) and before Axon's components' (the highest of
 * theirs is {@link Phase#INSTRUCTION_COMPONENTS}): so that the replay ends while the event store, the processors and
 * the database are still there.
 */
@Component
class ReplayNodeStop implements SmartLifecycle {

    static final int PHASE = Phase.INSTRUCTION_COMPONENTS + 1;

    private final ReplayService replays;
    private volatile boolean running;

    ReplayNodeStop(ReplayService replays) {
        this.replays = replays;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void stop() {
        replays.stopForNodeStop();
        running = false;
    }
}
