package com.claimledger.claims.query;

import com.claimledger.claims.api.ClaimStatus;
import com.claimledger.claims.api.ClaimView.DisputeLink;

import java.util.List;
import java.util.Set;

/**
 * A claim's status at a moment (SPEC section 1) from the rows a claim's view reads anyway: retracted by t; else
 * disputed if a dispute made by t, not withdrawn by t, links it to a claim not retracted by t; else standing. The
 * same rule as {@link Temporal#status} (which list filters ask in SQL), computed here instead of asked in the claims'
 * own statement: there it was five subqueries a claim. {@code ClaimStatusAgreementTest} holds the two to each other.
 */
final class ClaimStatuses {

    private ClaimStatuses() {
    }

    /**
     * {@code retracted}: the claims retracted by t among this one and every claim its disputes link it to;
     * {@code disputes}: its disputes made by t, either way, each marked withdrawn if it was by t.
     */
    static ClaimStatus of(String claimId, Set<String> retracted, List<DisputeLink> disputes) {
        if (retracted.contains(claimId)) {
            return ClaimStatus.RETRACTED;
        }
        return disputes.stream().anyMatch(dispute -> !dispute.withdrawn() && !retracted.contains(dispute.claimId()))
                ? ClaimStatus.DISPUTED : ClaimStatus.STANDING;
    }
}
