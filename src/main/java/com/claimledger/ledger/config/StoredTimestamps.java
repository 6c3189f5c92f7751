package com.claimledger.ledger.config;

import org.axonframework.common.DateTimeUtils;

import java.time.Instant;

/**
 * A stored event's timestamp read from the text Axon's JPA store keeps it as ({@link DateTimeUtils#formatInstant}:
 * {@code 2024-03-15T08:30:00.120Z}, always the milliseconds and {@code Z}) straight from its digits ({@link
 * IsoInstants}), to the same instant {@link DateTimeUtils#parseInstant} gives; any other text — another offset, a
 * lower-case letter, a year past 9999 — is left to {@link DateTimeUtils#parseInstant}, which accepts it, or rejects it
 * with its own error. Axon parses the text through {@code DateTimeFormatter} on every call of an entry's {@code
 * getTimestamp()}, twice for each event a processor or a replay reads (once for the token's gaps, once for the message):
 * a fifth of the replay's reading of the events (docs/benchmarks.md, forty-fifth round).
 */
final class StoredTimestamps {

    private StoredTimestamps() {
    }

    static Instant parse(CharSequence text) {
        Instant instant = IsoInstants.read(text);
        return instant != null ? instant : DateTimeUtils.parseInstant(text);
    }
}
