package com.claimledger.ledger.config;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant read straight from the digits of its plainest ISO 8601 text — {@code uuuu-MM-ddTHH:mm:ssZ}, with or without
 * one to nine digits of the second after a point ({@code Instant.toString()}'s text for the years 0000 to 9999, and
 * Axon's for an event's timestamp) — or null for any other text, which the caller leaves to the parser it would have
 * used ({@code DateTimeFormatter}), so that the two read every text alike. Stored events hold some half a dozen such
 * texts each, and {@code DateTimeFormatter} was a quarter of the replay's reading of them (docs/benchmarks.md,
 * forty-fifth round).
 */
final class IsoInstants {

    private static final int SHORTEST = "0000-00-00T00:00:00Z".length();
    private static final long SECONDS_A_DAY = 86_400;

    private IsoInstants() {
    }

    /** The instant {@code text} writes in the plainest form, or null if it is not in it or names no moment. */
    static Instant read(CharSequence text) {
        int length = text.length();
        if (length < SHORTEST || length > SHORTEST + 10 || length == SHORTEST + 1 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int nanos = 0;
        int fraction = length - SHORTEST - 1;
        if (fraction > 0) {
            if (text.charAt(19) != '.') {
                return null;
            }
            nanos = digits(text, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int digit = fraction; digit < 9; digit++) {
                nanos *= 10; // the fraction's digits as nanoseconds
            }
        }
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * SECONDS_A_DAY + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException notADate) {
            return null; // February 30th and the like: the caller's parser gives its own error
        }
    }

    /** The number written by {@code count} ASCII digits from {@code from}; -1 if any is not one. */
    private static int digits(CharSequence text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
