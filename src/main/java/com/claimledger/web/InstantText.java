package com.claimledger.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.time.Instant;

/**
 * An instant in the API's answers, exactly as {@link Instant#toString()} writes it (ISO-8601 in UTC, the seconds
 * always, a fraction in groups of three digits when there is one: {@code 2024-07-03T10:15:30Z},
 * {@code 2024-07-03T10:15:30.120Z}), which is what Jackson's own serializer writes with the API's settings
 * ({@code write-dates-as-timestamps: false}). Written from the instant's numbers into the generator's characters: a
 * page of claims carries some 250 instants, and the formatter's way ({@code DateTimeFormatter.ISO_INSTANT}: a
 * date-time and a builder an instant, a string at the end) was 6.4% of what the read requests allocated and 1.2% of
 * their CPU in a recording at 10^5 entries (docs/benchmarks.md, forty-fourth round). Years outside 0000–9999, which
 * ISO-8601 writes with a sign, are left to {@link Instant#toString()}.
 */
final class InstantText extends StdSerializer<Instant> {

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds: the years written with four digits. */
    private static final long FIRST = -62_167_219_200L;
    private static final long BEYOND = 253_402_300_800L;

    InstantText() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        char[] text = new char[30];
        int length = write(value, text);
        if (length < 0) {
            generator.writeString(value.toString());
        } else {
            generator.writeString(text, 0, length);
        }
    }

    /** Writes {@code value} into {@code text} (30 characters at least) and answers the length; -1 outside the years. */
    static int write(Instant value, char[] text) {
        long seconds = value.getEpochSecond();
        if (seconds < FIRST || seconds >= BEYOND) {
            return -1;
        }
        long days = Math.floorDiv(seconds, 86_400L);
        int time = (int) Math.floorMod(seconds, 86_400L);
        // The civil date of a day count (H. Hinnant, "chrono-compatible low-level date algorithms"): eras of 400 years
        // from 0000-03-01, so that the leap day ends each year of the computation.
        long shifted = days + 719_468L;
        long era = Math.floorDiv(shifted, 146_097L);
        int dayOfEra = (int) (shifted - era * 146_097L);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, time / 3600, 2);
        text[13] = ':';
        digits(text, 14, time / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, time % 60, 2);
        int at = 19;
        int nanos = value.getNano();
        if (nanos > 0) {
            text[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(text, at, nanos / 1_000_000, 3);
                at += 3;
            } else if (nanos % 1000 == 0) {
                digits(text, at, nanos / 1000, 6);
                at += 6;
            } else {
                digits(text, at, nanos, 9);
                at += 9;
            }
        }
        text[at++] = 'Z';
        return at;
    }

    /** {@code value} in {@code count} decimal digits, zeros in front, from {@code at} on. */
    private static void digits(char[] text, int at, int value, int count) {
        for (int i = at + count - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
