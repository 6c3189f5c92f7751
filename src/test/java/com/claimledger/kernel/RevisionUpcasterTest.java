package com.claimledger.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** An upcaster changes the payloads of its event type and revision, gives them the next revision, and nothing else. */
class RevisionUpcasterTest {

    record Happened(String what, String where) {
    }

    record Other(String what) {
    }

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();

    private final RevisionUpcaster upcaster = new RevisionUpcaster(Happened.class, "1", "2") {
        @Override
        protected void upcast(ObjectNode payload) {
            payload.put("where", "unknown");
        }
    };

    @Test
    void givenItsTypeAndRevisionItChangesThePayloadAndGivesTheNextRevision() {
        IntermediateEventRepresentation upcast = upcastOne(Happened.class, "1", "{\"what\":\"a raid\"}");

        assertThat(upcast.getType().getName()).isEqualTo(Happened.class.getTypeName());
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(upcast.getData(JsonNode.class).getData().get("where").asText()).isEqualTo("unknown");
        assertThat(upcast.getData(JsonNode.class).getData().get("what").asText()).isEqualTo("a raid");
    }

    @Test
    void givenAnotherRevisionOrAnotherTypeItLeavesThemAsTheyAre() {
        IntermediateEventRepresentation newer = upcastOne(Happened.class, "2", "{\"what\":\"a raid\",\"where\":\"Bishkek\"}");
        IntermediateEventRepresentation other = upcastOne(Other.class, "1", "{\"what\":\"a raid\"}");

        assertThat(newer.getType().getRevision()).isEqualTo("2");
        assertThat(newer.getData(JsonNode.class).getData().get("where").asText()).isEqualTo("Bishkek");
        assertThat(other.getType().getRevision()).isEqualTo("1");
        assertThat(other.getData(JsonNode.class).getData().has("where")).isFalse();
    }

    private IntermediateEventRepresentation upcastOne(Class<?> type, String revision, String payload) {
        var entry = new GenericDomainEventEntry<>("Aggregate", "x1", 0, "e1", Instant.parse("2015-07-21T00:00:00Z"),
                type.getTypeName(), revision, payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = upcaster
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }
}
