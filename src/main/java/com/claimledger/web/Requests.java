package com.claimledger.web;

import com.claimledger.kernel.Ids;
import com.claimledger.kernel.LedgerException;
import com.claimledger.time.AsOf;
import com.claimledger.time.TimePoints;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks every endpoint applies the same way to what a request names: ids, page sizes, time travel, If-Match. */
public final class Requests {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private Requests() {
    }

    /** An id in a path must have the id form; anything else cannot exist. */
    public static String pathId(String what, String id) {
        if (!Ids.wellFormed(id)) {
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

    /** The moment and axis of a time-travel read; {@code asOf} absent means now. */
    public static AsOf asOf(String asOf, String axis, Clock clock) {
        return new AsOf(readBound("asOf", asOf, clock), axis(axis));
    }

    /** A bound of a read; absent means now. */
    public static Instant readBound(String field, String value, Clock clock) {
        return value == null || value.isBlank() ? AsOf.now(clock).at() : TimePoints.readBound(field, value);
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
}
