package com.claimledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API writes an instant exactly as Jackson's own serializer does with its settings (and as
 * {@link Instant#toString()}): every fraction length, the ends of the years written with four digits and beyond, leap
 * days, and a million instants at random across the years.
 */
class InstantTextTest {

    /** The application's format as the API's settings make it: ISO text, not numbers. */
    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper OURS = JACKSON.copy()
            .registerModule(new SimpleModule().addSerializer(Instant.class, new InstantText()));

    @Test
    void writesWhatJacksonAndInstantWrite() throws Exception {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.999999999Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("2024-02-29T12:00:00Z"),
                Instant.parse("2000-02-29T00:00:00.001Z"), Instant.parse("1900-03-01T00:00:00.000001Z"),
                Instant.parse("2100-02-28T23:59:59.000000001Z"), Instant.parse("2024-07-03T10:15:30.120Z"),
                Instant.parse("2024-07-03T10:15:30.123400Z"), Instant.parse("2024-07-03T10:15:30.100000001Z")));
        Random random = new Random(44);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond() - 86_400L * 400;
        long beyond = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond() + 86_400L * 400;
        int[] fractions = {0, 1_000_000, 1000, 1};
        for (int i = 0; i < 1_000_000; i++) {
            long seconds = first + Math.floorMod(random.nextLong(), beyond - first);
            // A quarter whole seconds, a quarter each in milli-, micro- and nanoseconds.
            int unit = fractions[i % 4];
            int nanos = unit == 0 ? 0 : random.nextInt(1_000_000_000 / unit) * unit;
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        char[] text = new char[30];
        for (Instant instant : instants) {
            int length = InstantText.write(instant, text);
            if (length >= 0) {
                assertThat(new String(text, 0, length)).as("%s", instant).isEqualTo(instant.toString());
            } else {
                assertThat(instant.toString()).as("only the years with a sign are left to Instant").matches("[+-].*");
            }
        }
        for (Instant instant : instants.subList(0, 2000)) {
            assertThat(OURS.writeValueAsString(instant)).isEqualTo(JACKSON.writeValueAsString(instant));
        }
    }

    @Test
    void theApisConverterWritesInstantsSo() throws Exception {
        ObjectMapper api = new InputLimits().mappingJackson2HttpMessageConverter(JACKSON, 16).getObjectMapper();
        assertThat(api.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(InstantText.class);
        Instant instant = Instant.parse("2024-07-03T10:15:30.120Z");
        assertThat(api.writeValueAsString(List.of(instant))).isEqualTo("[\"2024-07-03T10:15:30.120Z\"]");
    }
}
