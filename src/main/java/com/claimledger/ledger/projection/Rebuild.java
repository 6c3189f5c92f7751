package com.claimledger.ledger.projection;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/**
 * Whether the current thread is feeding events to the projections for a replay (a rebuild into the shadow tables):
 * a handler then skips what a {@link DerivedTable} derives after the switch.
 */
public final class Rebuild {

    /** The thread-bound marker (a Spring transaction resource, unbound when the work ends). */
    private static final Object KEY = Rebuild.class.getName();

    private Rebuild() {
    }

    /** Runs {@code work} as part of a rebuild. */
    public static <T> T during(Supplier<T> work) {
        TransactionSynchronizationManager.bindResource(KEY, Boolean.TRUE);
        try {
            return work.get();
        } finally {
            TransactionSynchronizationManager.unbindResource(KEY);
        }
    }

    public static boolean inProgress() {
        return TransactionSynchronizationManager.hasResource(KEY);
    }
}
