package com.claimledger.kernel;

import java.util.function.Supplier;

/**
 * "Create, or accept an identical repeat, else 409", as every aggregate decides it for what it records once (an
 * entity, an article, a claim, a relation between two claims). A client that retries after a timeout must not be
 * told it failed, nor record the thing twice; one that reuses an id for other content must be told.
 */
public final class CreateOrRepeat {

    private CreateOrRepeat() {
    }

    /**
     * Whether {@code candidate} is to be recorded: true when nothing is recorded yet, false when what is recorded is
     * identical (nothing to do), else the conflict.
     */
    public static <E> boolean isNew(E recorded, E candidate, Supplier<LedgerException> conflict) {
        if (recorded == null) {
            return true;
        }
        if (!recorded.equals(candidate)) {
            throw conflict.get();
        }
        return false;
    }

    /** The conflict of an id reused for other content. */
    public static Supplier<LedgerException> otherContent(String what, String id) {
        return () -> LedgerException.conflict(what + " '" + id + "' already exists with other content");
    }
}
