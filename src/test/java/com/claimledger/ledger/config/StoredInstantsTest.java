package com.claimledger.ledger.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The application's reading of an instant from JSON gives what Jackson's own gives, for every text {@code
 * Instant.toString()} writes (the plainest ISO form, read from its digits) and for anything else (left to Jackson:
 * offsets, numbers, blanks, impossible dates, a property's own pattern), value for value and error for error.
 */
class StoredInstantsTest {

    /** Jackson's reading of instants, with the application's settings (application.yml). */
    private static JsonMapper.Builder settings() {
        return JsonMapper.builder().addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    private static final ObjectMapper JACKSON = settings().build();
    /** As Spring Boot registers the application's module: after Jackson's own for java.time. */
    private static final ObjectMapper LEDGER = settings()
            .addModule(new SimpleModule("ledger-instants").addDeserializer(Instant.class, new StoredInstants())).build();

    record Moment(Instant at) {
    }

    record Dated(@JsonFormat(pattern = "yyyy-MM-dd HH:mm", timezone = "UTC") Instant at) {
    }

    @Test
    void everyTextInstantsWriteReadsAsJacksonReadsIt() throws Exception {
        SplittableRandom random = new SplittableRandom(45);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] unit = {1_000_000_000, 1_000_000, 1_000, 1};
        for (int i = 0; i < 300_000; i++) {
            // Whole seconds, milliseconds, microseconds and nanoseconds: Instant.toString writes 0, 3, 6 or 9 digits.
            int step = unit[random.nextInt(unit.length)];
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000 / step) * step);
            String json = "{\"at\":\"" + instant + "\"}";
            assertThat(LEDGER.readValue(json, Moment.class)).as(json).isEqualTo(JACKSON.readValue(json, Moment.class))
                    .isEqualTo(new Moment(instant));
        }
    }

    @Test
    void anyOtherValueReadsOrFailsAsWithJackson() throws Exception {
        List<String> values = new ArrayList<>(List.of("\"2024-03-15T08:30:00.1Z\"", "\"2024-03-15T08:30:00.12Z\"",
                "\"2024-03-15T08:30:00.12345Z\"", "\"2024-03-15T08:30:00.12345678Z\"", "\"2024-03-15T08:30:00.Z\"",
                "\"2024-03-15T08:30:00.1234567890Z\"", "\"2024-03-15t08:30:00Z\"", "\"2024-03-15T08:30:00z\"",
                "\"2024-03-15T08:30:00+00:00\"", "\"2024-03-15T08:30:00+02:00\"", "\"2024-03-15T08:30:00-00:30\"",
                "\" 2024-03-15T08:30:00Z\"", "\"2024-03-15T08:30:00Z \"", "\"+10000-01-01T00:00:00Z\"",
                "\"-0001-01-01T00:00:00Z\"", "\"2024-03-15T08:30Z\"", "\"2023-02-29T00:00:00Z\"", "\"2024-04-31T00:00:00Z\"",
                "\"2024-13-01T00:00:00Z\"", "\"2024-00-10T00:00:00Z\"", "\"2024-01-01T24:00:00Z\"",
                "\"2024-01-01T23:60:00Z\"", "\"2024-12-31T23:59:60Z\"", "\"2024-01-01 12:00:00Z\"",
                "\"2024-01-01T12:00:00,5Z\"", "\"2024-01-01T12:00:00.-1Z\"", "\"２０２４-01-01T12:00:00Z\"",
                "\"2024-01-01T12:00:00\"", "\"\"", "\"   \"", "\"1700000000\"", "\"1700000000.5\"", "1700000000",
                "1700000000.25", "-5", "null", "true", "[\"2024-01-01T12:00:00Z\"]", "{}"));
        for (String value : values) {
            String json = "{\"at\":" + value + "}";
            Object jackson = read(JACKSON, json, Moment.class);
            Object ours = read(LEDGER, json, Moment.class);
            if (jackson instanceof Throwable failure) {
                assertThat(ours).as(json).isInstanceOf(failure.getClass());
            } else {
                assertThat(ours).as(json).isEqualTo(jackson);
            }
        }
        for (String value : List.of("\"2024-03-15 08:30\"", "\"2024-03-15T08:30:00Z\"")) {
            String json = "{\"at\":" + value + "}";
            Object jackson = read(JACKSON, json, Dated.class);
            Object ours = read(LEDGER, json, Dated.class);
            if (jackson instanceof Throwable failure) {
                assertThat(ours).as("a property's own pattern: " + json).isInstanceOf(failure.getClass());
            } else {
                assertThat(ours).as("a property's own pattern: " + json).isEqualTo(jackson);
            }
        }
    }

    private static Object read(ObjectMapper mapper, String json, Class<?> type) {
        Throwable failure = catchThrowable(() -> mapper.readValue(json, type));
        if (failure != null) {
            return failure;
        }
        try {
            return mapper.readValue(json, type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
