package com.claimledger.ledger.projection;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** An instant goes to the database at offset UTC: the same as {@code Instant.atOffset(ZoneOffset.UTC)}, every time. */
class SqlTest {

    @Test
    void anInstantAtUtcIsTheJdksInstantAtUtc() {
        SplittableRandom random = new SplittableRandom(45);
        long first = Instant.parse("-9999-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("+99999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000));
            assertThat(Sql.utc(instant)).as(instant.toString()).isEqualTo(instant.atOffset(ZoneOffset.UTC));
        }
        for (Instant instant : new Instant[] {Instant.EPOCH, Instant.parse("2024-02-29T23:59:59.999999999Z"),
                Instant.parse("1969-12-31T23:59:59.5Z")}) {
            assertThat(Sql.utc(instant)).as(instant.toString()).isEqualTo(instant.atOffset(ZoneOffset.UTC));
        }
        for (Instant beyond : new Instant[] {Instant.MIN, Instant.MAX}) {
            // Outside the years a date-time has: refused alike.
            assertThat(catchThrowable(() -> Sql.utc(beyond)))
                    .isInstanceOf(catchThrowable(() -> beyond.atOffset(ZoneOffset.UTC)).getClass());
        }
        assertThat(Sql.utc(null)).isNull();
    }
}
