package com.claimledger.ledger.integrity;

import java.util.List;

/** RFC 9162 inclusion proof of entry {@code index} in the tree of {@code size} entries; hashes in lowercase hex. */
public record InclusionProof(long index, long size, String leafHash, List<String> path) {
}
