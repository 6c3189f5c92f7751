package com.claimledger.ledger.projection;

import com.claimledger.kernel.LedgerException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursor: the sort key of the last item of a page, encoded so that clients cannot depend on it.
 */
public final class PageCursor {

    private static final String SEPARATOR = "\u001f";

    private PageCursor() {
    }

    public static String encode(String... sortKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key of a cursor with {@code parts} parts; a cursor that is not ours is a 400 naming {@code cursor}. */
    public static List<String> decode(String cursor, int parts) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> key = List.of(text.split(SEPARATOR, -1));
            if (key.size() == parts) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw refused();
    }

    /** An instant held in a cursor's sort key. */
    public static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw refused();
        }
    }

    private static LedgerException refused() {
        return LedgerException.invalid("cursor", "not a cursor this list handed out");
    }
}
