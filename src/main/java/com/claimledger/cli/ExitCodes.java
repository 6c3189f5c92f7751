package com.claimledger.cli;

/** What scripts can rely on, the same for every command (SPEC section 3, docs/interop.md). */
final class ExitCodes {

    static final int SUCCESS = 0;
    /** A failed verification, or an input the ledger refused (a problem answer to a write or a read). */
    static final int REFUSED = 1;
    /** Unusable arguments, or files that cannot be read or written. */
    static final int UNUSABLE = 2;
    static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
