package com.claimledger.claims.api;

import java.time.Instant;
import java.util.Optional;

/** The write side's consistent view of recorded claims, read inside the writing transaction. */
public interface ClaimLookup {

    Optional<ClaimFacts> find(String claimId);

    /** Whether claim {@code claimId} is disputed by claim {@code byClaimId}, the dispute not withdrawn. */
    boolean disputeInForce(String claimId, String byClaimId);

    /** What another claim's command needs to know of this one. */
    record ClaimFacts(String claimId, Instant assertedAt, boolean retracted) {
    }
}
