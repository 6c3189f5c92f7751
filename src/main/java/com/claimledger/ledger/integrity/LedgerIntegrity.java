package com.claimledger.ledger.integrity;

import java.util.List;

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

    /** The proof that entry {@code index} is in the ledger as it is now (its size read once). */
    InclusionProof inclusion(long index);

    /** The proof that entry {@code index} is in the ledger as it was at {@code size} entries. */
    InclusionProof inclusion(long index, long size);

    /**
     * The proofs that each of {@code indexes} is in the ledger as {@code head}, a head this ledger signed, says it was,
     * in their order: the head's size is one the ledger has had, so the ledger's is not read again.
     */
    List<InclusionProof> inclusions(List<Long> indexes, SignedHead head);

    /** The proof that the ledger as it is now (its size read once) extends the ledger as it was at {@code from}. */
    ConsistencyProof consistency(long from);

    ConsistencyProof consistency(long from, long to);

    /** Recomputes every entry from the stored events and the ledger table, in bounded memory. */
    Verification verify();
}
