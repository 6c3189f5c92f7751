package com.claimledger.shared;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** The checks every endpoint applies the same way: ids, page sizes, time travel parameters, If-Match. */
public final class Requests {

    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    private static final Pattern ID = Pattern.compile(ID_PATTERN);
    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private Requests() {
    }

    /** The client's id, or a new UUID when it gave none. */
    public static String idOrNew(String id) {
        return id == null ? UUID.randomUUID().toString() : id;
    }

    /** An id in a path must have the id form; anything else cannot exist. */
    public static String pathId(String what, String id) {
        if (!ID.matcher(id).matches()) {
            throw LedgerException.notFound(what, id);
        }
        return id;
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return 100;
        }
        if (limit < 1 || limit > 500) {
            throw LedgerException.invalid("limit", "must be between 1 and 500");
        }
        return limit;
    }

    public static AsOf asOf(String asOf, String axis) {
        return new AsOf(readBound("asOf", asOf), axis(axis));
    }

    /** A bound of a read; absent means now. */
    public static Instant readBound(String field, String value) {
        return value == null || value.isBlank() ? AsOf.now().at() : TimePoints.readBound(field, value);
    }

    public static AsOf.Axis axis(String axis) {
        if (axis == null || axis.isBlank()) {
            return AsOf.Axis.PUBLISHED;
        }
        try {
            return AsOf.Axis.valueOf(axis.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw LedgerException.invalid("axis", "must be 'published' or 'recorded'");
        }
    }

    /** The version an If-Match header names ({@code "3"}, {@code 3} or {@code W/"3"}), or null without the header. */
    public static Long ifMatch(String header) {
        if (header == null) {
            return null;
        }
        var matcher = VERSION.matcher(header.strip());
        if (!matcher.matches()) {
            throw LedgerException.invalid("If-Match", "must be a claim version in quotes, like \"3\"");
        }
        return Long.valueOf(matcher.group(1));
    }

    /** An optional text parameter: blank means absent. */
    public static String optional(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** When the source asserted or published something: never in the future (a minute of clock skew allowed). */
    public static Instant pastChangeTime(String field, String value) {
        Instant time = changeTime(field, value);
        if (time != null && time.isAfter(Instant.now().plusSeconds(60))) {
            throw LedgerException.invalid(field, "must not be in the future");
        }
        return time;
    }

    /** An optional time of a change, as a date (start of day, UTC) or an instant. */
    private static Instant changeTime(String field, String value) {
        return value == null ? null : TimePoints.changeTime(field, value);
    }
}
