package com.claimledger.ledger.integrity;

import java.util.ArrayList;
import java.util.List;

/**
 * Root of a growing ledger in O(log n) memory: keeps only the hashes of the perfect subtrees that make up
 * the current size (its binary decomposition), so a verifier can stream millions of entries and an appender
 * learns which nodes to store without reading them back.
 *
 * <p>Not thread-safe: one instance follows one sequence of appends.
 */
public final class CompactRange {

    // Largest (leftmost) subtree first; at most 64 entries.
    private final List<byte[]> peaks = new ArrayList<>();
    private long size;

    /** An accumulator for the empty ledger. */
    public CompactRange() {
    }

    /** Continues after {@code size} stored entries, reading one stored node per set bit of {@code size}. */
    public static CompactRange resume(TreeNodes stored, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        CompactRange range = new CompactRange();
        long start = 0;
        for (int level = 63; level >= 0; level--) {
            long part = 1L << level;
            if ((size & part) != 0) {
                byte[] hash = stored.node(level, start >>> level);
                if (hash == null) {
                    throw new IllegalStateException("tree node level " + level + " index " + (start >>> level)
                            + " is not stored");
                }
                MerkleTree.requireHash(hash, "stored node");
                range.peaks.add(hash.clone());
                start += part;
            }
        }
        range.size = size;
        return range;
    }

    /** Appends the next entry's leaf hash and returns the interior nodes it completes (level >= 1). */
    public List<MerkleTree.Node> append(byte[] leafHash) {
        MerkleTree.requireHash(leafHash, "leafHash");
        List<MerkleTree.Node> completed = new ArrayList<>();
        byte[] hash = leafHash.clone();
        long index = size;
        for (int level = 1; (index & 1) == 1; level++) {
            hash = MerkleTree.nodeHash(peaks.remove(peaks.size() - 1), hash);
            index >>>= 1;
            completed.add(new MerkleTree.Node(level, index, hash));
        }
        peaks.add(hash);
        size++;
        return completed;
    }

    public long size() {
        return size;
    }

    /** MTH of everything appended so far. */
    public byte[] root() {
        if (peaks.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        byte[] folded = peaks.get(peaks.size() - 1);
        for (int i = peaks.size() - 2; i >= 0; i--) {
            folded = MerkleTree.nodeHash(peaks.get(i), folded);
        }
        return folded.clone();
    }
}
