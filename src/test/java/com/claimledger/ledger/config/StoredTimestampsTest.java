package com.claimledger.ledger.config;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A stored event's timestamp read from its digits is the instant Axon's parser reads from the same text, for every text
 * Axon writes and for any other text (left to Axon's parser, which accepts or rejects it alike).
 */
class StoredTimestampsTest {

    /** The earliest and the latest instant Axon writes with a four-digit year. */
    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void everyTextAxonWritesReadsAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(45);
        for (int i = 0; i < 1_000_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(FIRST, LAST + 1), random.nextInt(1_000_000_000));
            String text = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
        for (String text : List.of("0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "2024-02-29T12:00:00.001Z",
                "2023-12-31T23:59:59.999Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z",
                "2000-02-29T00:00:00.000Z", "2026-12-07T10:29:20.120Z")) {
            assertThat(StoredTimestamps.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text))
                    .isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void anyOtherTextReadsOrFailsAsWithAxon() {
        for (String text : List.of("2024-03-15T08:30:00Z", "2024-03-15T08:30:00.1Z", "2024-03-15T08:30:00.123456789Z",
                "2024-03-15t08:30:00.120z", "2024-03-15T08:30:00.120+02:00", "2024-03-15T08:30:00.120-00:30",
                "+10000-01-01T00:00:00.000Z", "-0001-01-01T00:00:00.000Z", "2024-03-15T08:30.120Z",
                "2023-02-29T00:00:00.000Z", "1900-02-29T00:00:00.000Z", "2024-04-31T00:00:00.000Z",
                "2024-13-01T00:00:00.000Z", "2024-00-10T00:00:00.000Z", "2024-01-00T00:00:00.000Z",
                "2024-01-01T24:00:00.000Z", "2024-01-01T23:60:00.000Z", "2024-01-01T23:59:60.000Z",
                "2024-01-01T2a:00:00.000Z", "2024-01-01 12:00:00.000Z", "2024-01-01T12:00:00,000Z",
                "2024-01-01T12:00:00.-01Z", "２０２４-01-01T12:00:00.000Z", "2024-01-01T12:00:00.000", "")) {
            Object axon = readWith(() -> DateTimeUtils.parseInstant(text));
            Object ours = readWith(() -> StoredTimestamps.parse(text));
            if (axon instanceof Throwable failure) {
                assertThat(ours).as(text).isInstanceOf(failure.getClass());
            } else {
                assertThat(ours).as(text).isEqualTo(axon);
            }
        }
    }

    private static Object readWith(java.util.function.Supplier<Instant> parse) {
        Throwable failure = catchThrowable(parse::get);
        return failure != null ? failure : parse.get();
    }
}
