package com.claimledger.ledger.integrity;

/**
 * The ledger's integrity face (SPEC "Ledger integrity"): signed heads, inclusion and consistency proofs, and the
 * verification of every stored entry. Sizes and indexes outside the ledger are refused as bad requests.
 */
public interface LedgerIntegrity {

    /** The number of entries the ledger holds now. */
    long size();

    /** The head of the ledger as it is now, signed. */
    SignedHead head();

    /** The head of the ledger as it was at {@code size} entries, signed now. */
    SignedHead head(long size);

    InclusionProof inclusion(long index, long size);

    ConsistencyProof consistency(long from, long to);

    /** Recomputes every entry from the stored events and the ledger table, in bounded memory. */
    Verification verify();
}
