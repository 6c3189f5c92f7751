package com.claimledger.ledger.integrity;

import java.util.List;

/** RFC 9162 consistency proof: the tree of {@code to} entries only grew from the tree of {@code from} entries. */
public record ConsistencyProof(long from, long to, List<String> path) {
}
