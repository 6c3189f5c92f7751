package com.claimledger.claims.upcasting;

import com.claimledger.claims.api.ClaimEvents.ClaimRecorded;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * ClaimRecorded revision 1 to 2: adds {@code proposal}. Every claim of revision 1 was typed by hand, before the finder
 * existed, so it was accepted from no proposal.
 */
@Component
class ClaimRecordedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(ClaimRecorded.class.getTypeName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(ClaimRecorded.class.getTypeName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).putNull("proposal");
            return payload;
        });
    }
}
