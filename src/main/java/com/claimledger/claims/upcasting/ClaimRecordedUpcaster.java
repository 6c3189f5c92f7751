package com.claimledger.claims.upcasting;

import com.claimledger.claims.api.ClaimEvents.ClaimRecorded;
import com.claimledger.kernel.RevisionUpcaster;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * ClaimRecorded revision 1 to 2: adds {@code proposal}. Every claim of revision 1 was typed by hand, before the finder
 * existed, so it was accepted from no proposal.
 */
@Component
class ClaimRecordedUpcaster extends RevisionUpcaster {

    ClaimRecordedUpcaster() {
        super(ClaimRecorded.class, "1", "2");
    }

    @Override
    protected void upcast(ObjectNode payload) {
        payload.putNull("proposal");
    }
}
