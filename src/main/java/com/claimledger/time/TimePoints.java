package com.claimledger.time;

import com.claimledger.kernel.LedgerException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The SPEC's two readings of a plain date: as the time of a change it is the start of that day (UTC),
 * as the bound of a read it is the last instant of that day.
 */
public final class TimePoints {

    private TimePoints() {
    }

    /** A time at which something happened: a date means 00:00 UTC of that day. */
    public static Instant changeTime(String field, String text) {
        return parse(field, text, false);
    }

    /** A bound of a read ({@code asOf}, {@code from}, {@code to}): a date means the end of that day. */
    public static Instant readBound(String field, String text) {
        return parse(field, text, true);
    }

    /**
     * When the source asserted or published something, or null when not given: never in the future (a minute of
     * clock skew allowed).
     */
    public static Instant pastChangeTime(String field, String text, Clock clock) {
        if (text == null) {
            return null;
        }
        Instant time = changeTime(field, text);
        if (time.isAfter(clock.instant().plusSeconds(60))) {
            throw LedgerException.invalid(field, "must not be in the future");
        }
        return time;
    }

    /** Whether the text names a day (a plain date) rather than an instant. */
    public static boolean isDate(String text) {
        return text.strip().length() == 10;
    }

    private static Instant parse(String field, String text, boolean endOfDay) {
        String value = text.strip();
        try {
            if (isDate(value)) {
                LocalDate day = LocalDate.parse(value);
                Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                // Times are kept to the millisecond, so the last millisecond of the day is its last instant.
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1) : start;
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw LedgerException.invalid(field, "'" + text + "' is neither an ISO-8601 date (2015-07-17) nor an instant (2015-07-17T09:30:00Z)");
        }
    }
}
