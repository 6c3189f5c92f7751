package com.claimledger.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * An event's JSON payload from one revision to the next. Events are a permanent format: a change to one is a new
 * {@code @Revision} and an upcaster from the one before, never an edit of what is stored; every upcaster of the ledger
 * has this one shape (the type and revision it takes, the revision it gives, what it changes in the payload), so
 * each says only what it changes.
 */
public abstract class RevisionUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    /** Upcasts {@code event}'s payloads of revision {@code from} to revision {@code to}. */
    protected RevisionUpcaster(Class<?> event, String from, String to) {
        this.from = new SimpleSerializedType(event.getTypeName(), from);
        this.to = new SimpleSerializedType(event.getTypeName(), to);
    }

    /** Makes a payload of the older revision one of the newer, in place. */
    protected abstract void upcast(ObjectNode payload);

    @Override
    protected final boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected final IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            upcast((ObjectNode) payload);
            return payload;
        });
    }
}
