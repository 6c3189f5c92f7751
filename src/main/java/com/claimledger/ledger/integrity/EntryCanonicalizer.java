package com.claimledger.ledger.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bytes a ledger entry's leaf hash is taken over: RFC 8785 (JCS) canonical JSON of the entry exactly as
 * the REST API serves it, so anyone holding the served JSON can recompute the hash.
 *
 * <p>Numbers follow RFC 8785: they are IEEE-754 doubles, so integers beyond 2^53 lose precision the same way
 * for every implementation. Input that JCS cannot represent (NaN, infinities, duplicate keys, unpaired
 * surrogates) is refused with {@link IllegalArgumentException} rather than hashed in some private form.
 */
public final class EntryCanonicalizer {

    /** The members of a served entry that are hashed, and no others. */
    public static final List<String> ENTRY_FIELDS =
            List.of("sequence", "type", "aggregateId", "occurredAt", "recordedAt", "actor", "payload");

    private EntryCanonicalizer() {
    }

    /**
     * Canonical bytes of an entry. {@code occurredAt} and {@code recordedAt} are the ISO-8601 instant strings the
     * API serves (e.g. {@code Instant.toString()}); they are hashed as given, never reformatted.
     */
    public static byte[] entryBytes(long sequence, String type, String aggregateId, String occurredAt,
                                    String recordedAt, String actor, JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object");
        }
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("sequence", sequence);
        entry.put("type", requireText(type, "type"));
        entry.put("aggregateId", aggregateId);
        entry.put("occurredAt", requireText(occurredAt, "occurredAt"));
        entry.put("recordedAt", requireText(recordedAt, "recordedAt"));
        entry.put("actor", actor);
        entry.set("payload", payload);
        return canonicalize(entry);
    }

    /**
     * Canonical bytes of an entry as served, e.g. one element of the API's entry list. Members other than
     * {@link #ENTRY_FIELDS} are ignored, so the API may add links or hashes without changing leaf hashes;
     * an absent {@code aggregateId} or {@code actor} counts as {@code null}.
     */
    public static byte[] entryBytes(JsonNode servedEntry) {
        if (servedEntry == null || !servedEntry.isObject()) {
            throw new IllegalArgumentException("a served entry is a JSON object");
        }
        JsonNode sequence = servedEntry.get("sequence");
        if (sequence == null || !sequence.isIntegralNumber() || !sequence.canConvertToLong()) {
            throw new IllegalArgumentException("sequence must be an integer");
        }
        return entryBytes(sequence.longValue(), text(servedEntry, "type", false),
                text(servedEntry, "aggregateId", true), text(servedEntry, "occurredAt", false),
                text(servedEntry, "recordedAt", false), text(servedEntry, "actor", true),
                servedEntry.get("payload"));
    }

    /** RFC 8785 canonical UTF-8 bytes of any JSON object or array. */
    public static byte[] canonicalize(JsonNode json) {
        if (json == null || !json.isContainerNode()) {
            throw new IllegalArgumentException("only a JSON object or array can be canonicalized");
        }
        requireFiniteNumbers(json);
        // JsonNode.toString() is standard JSON (Jackson >= 2.10); the canonicalizer re-reads it so that
        // numbers and strings take the RFC 8785 form whatever node types Jackson chose.
        return canonicalize(json.toString());
    }

    // Jackson writes a NaN or infinite double as the string "NaN"/"Infinity", which would be hashed as text.
    private static void requireFiniteNumbers(JsonNode node) {
        if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException("JSON has no representation for " + node.doubleValue());
        }
        for (JsonNode child : node) {
            requireFiniteNumbers(child);
        }
    }

    /** RFC 8785 canonical UTF-8 bytes of a JSON text whose top level is an object or array. */
    public static byte[] canonicalize(String json) {
        String canonical;
        try {
            canonical = new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not canonicalizable JSON: " + e.getMessage(), e);
        }
        return strictUtf8(canonical);
    }

    // String.getBytes would silently turn an unpaired surrogate into '?', giving two different texts one hash.
    private static byte[] strictUtf8(String text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("JSON text contains an unpaired surrogate", e);
        }
    }

    private static String text(JsonNode entry, String field, boolean nullable) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            if (nullable) {
                return null;
            }
            throw new IllegalArgumentException(field + " is missing");
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.textValue();
    }

    private static String requireText(String value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }
}
