package com.claimledger.ledger.integrity;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A signed tree head as served: the ledger's size and Merkle root at {@code timestamp}, signed with the
 * ledger's Ed25519 key. {@code signature} and {@code publicKey} are base64; {@code publicKey} only says which
 * key signed, a verifier must trust it by other means.
 */
public record SignedHead(long size, String rootHash, String timestamp, String signature, String publicKey) {

    private static final Pattern LOWERCASE_SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public SignedHead {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (rootHash == null || !LOWERCASE_SHA256_HEX.matcher(rootHash).matches()) {
            throw new IllegalArgumentException("rootHash must be 64 lowercase hex digits");
        }
        if (timestamp == null) {
            throw new IllegalArgumentException("timestamp is missing");
        }
        try {
            DateTimeFormatter.ISO_INSTANT.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp is not an ISO-8601 instant: " + timestamp, e);
        }
    }

    /** The exact text that is signed: size, root hash and timestamp, one per line, no trailing newline. */
    public String signedText() {
        return signedText(size, rootHash, timestamp);
    }

    static String signedText(long size, String rootHash, String timestamp) {
        return size + "\n" + rootHash + "\n" + timestamp;
    }

    byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.UTF_8);
    }
}
