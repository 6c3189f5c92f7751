package com.claimledger.ledger.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;

/**
 * The application's reading of an instant from JSON — the stored events' format (their payloads hold the moments a
 * claim names, was published, recorded, amended), and the API's input: Jackson's own ({@link
 * InstantDeserializer#INSTANT}), except that a text in the plainest ISO form, which is how the application writes
 * every instant, is read from its digits ({@link IsoInstants}) instead of through {@code DateTimeFormatter}, to the same
 * instant. Every other text, a number, a null, an instant of a property with its own {@code @JsonFormat}: Jackson's,
 * with its errors.
 */
final class StoredInstants extends StdDeserializer<Instant> implements ContextualDeserializer {

    private final JsonDeserializer<Instant> jackson;

    StoredInstants() {
        this(InstantDeserializer.INSTANT);
    }

    private StoredInstants(JsonDeserializer<Instant> jackson) {
        super(Instant.class);
        this.jackson = jackson;
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = IsoInstants.read(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return jackson.deserialize(parser, context);
    }

    /** Jackson's for a property with a format of its own (a pattern, a leniency); this one otherwise. */
    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        JsonDeserializer<?> contextual = ((ContextualDeserializer) jackson).createContextual(context, property);
        return contextual == jackson ? this : contextual;
    }
}
