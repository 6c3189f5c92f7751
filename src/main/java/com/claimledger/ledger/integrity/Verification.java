package com.claimledger.ledger.integrity;

/**
 * The verdict of recomputing every entry from the stored events: {@code ok}, the ledger's {@code size}, the root
 * recomputed from the entries (null when something does not match), the sequence of the first entry that does not
 * match what was stored (null when intact), and what was wrong there.
 */
public record Verification(boolean ok, long size, String rootHash, Long firstMismatch, String detail) {

    static Verification intact(long size, String rootHash) {
        return new Verification(true, size, rootHash, null, null);
    }

    static Verification tampered(long size, long sequence, String detail) {
        return new Verification(false, size, null, sequence, detail);
    }
}
