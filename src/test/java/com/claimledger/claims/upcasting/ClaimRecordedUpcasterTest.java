package com.claimledger.claims.upcasting;

import com.claimledger.claims.api.ClaimEvents.ClaimRecorded;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** ClaimRecorded revision 1, stored before the finder existed, reads as revision 2 accepted from no proposal. */
class ClaimRecordedUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();

    @Test
    void revisionOneReadsAsRevisionTwoWithoutAProposal() {
        String payload = """
                {"claimId":"c1","articleId":"a1","statement":"Amirov was killed.","quote":null,"attributedTo":"gknb",\
                "subjects":["janbolat-amirov"],"topic":null,"assertedAt":"2015-07-20T00:00:00Z","eventTime":null}""";
        var entry = new GenericDomainEventEntry<>("Claim", "c1", 0, "e1", Instant.parse("2015-07-21T00:00:00Z"),
                ClaimRecorded.class.getName(), "1", payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new ClaimRecordedUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        ClaimRecorded event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event.proposal()).isNull();
        assertThat(event.attributedTo()).isEqualTo("gknb");
        assertThat(event.subjects()).containsExactly("janbolat-amirov");
    }

    @Test
    void aClaimTypedByHandIsSerialisedAsRevisionOneWasAndAnAcceptedOneNamesItsProposal() {
        ClaimRecorded typed = new ClaimRecorded("c1", "a1", "s", null, "gknb", List.of(), null,
                Instant.parse("2015-07-20T00:00:00Z"), null);
        SerializedObject<String> plain = serializer.serialize(typed, String.class);
        assertThat(plain.getData()).doesNotContain("proposal");
        assertThat(plain.getType().getRevision()).isEqualTo("2");
        ClaimRecorded accepted = new ClaimRecorded("c2", "a1", "s", null, "gknb", List.of(), null,
                Instant.parse("2015-07-20T00:00:00Z"), null, "p10-20");
        assertThat(serializer.serialize(accepted, String.class).getData()).contains("\"proposal\":\"p10-20\"");
    }
}
