package com.claimledger.ledger.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The ledger's Merkle tree as defined by RFC 9162 section 2.1 (identical to RFC 6962): tree shape,
 * hashing, inclusion paths and consistency paths.
 *
 * <p>Everything is computed from stored perfect subtrees ({@link TreeNodes}). RFC 9162 splits a range at
 * the largest power of two smaller than its length, so the left part is always a perfect aligned
 * subtree (one stored node) and only the right part needs further splitting; a root or a proof
 * therefore costs O(log n) node reads and never a walk over the entries.
 */
public final class MerkleTree {

    public static final int HASH_LENGTH = 32;

    // Domain separation from RFC 9162 2.1.1: a leaf can never be passed off as an interior node.
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleTree() {
    }

    /** A perfect subtree hash completed by an append, to be stored by the caller. */
    public record Node(int level, long index, byte[] hash) {

        // Records compare arrays by identity; nodes are values, so compare their bytes.
        @Override
        public boolean equals(Object other) {
            return other instanceof Node that
                    && level == that.level && index == that.index && Arrays.equals(hash, that.hash);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * level + Long.hashCode(index)) + Arrays.hashCode(hash);
        }

        @Override
        public String toString() {
            return "Node[level=" + level + ", index=" + index + ", hash=" + HexFormat.of().formatHex(hash) + "]";
        }
    }

    /** SHA-256(0x00 || entryBytes). */
    public static byte[] leafHash(byte[] entryBytes) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF_PREFIX);
        return sha256.digest(entryBytes);
    }

    /** SHA-256(0x01 || left || right). */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** Root of the tree with no entries: SHA-256 of the empty string. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /**
     * The interior nodes (level >= 1) that appending leaf {@code leafIndex} completes: one per level while
     * {@code leafIndex + 1} is divisible by {@code 2^level}. Each needs its left sibling, read from
     * {@code stored}, so all earlier leaves and the nodes they completed must already be stored.
     */
    public static List<Node> completedBy(long leafIndex, byte[] leafHash, TreeNodes stored) {
        requireNonNegative(leafIndex, "leafIndex");
        requireHash(leafHash, "leafHash");
        List<Node> completed = new ArrayList<>();
        byte[] hash = leafHash;
        long index = leafIndex;
        for (int level = 1; (index & 1) == 1; level++) {
            hash = nodeHash(read(stored, level - 1, index - 1), hash);
            index >>>= 1;
            completed.add(new Node(level, index, hash));
        }
        return completed;
    }

    /** MTH of the first {@code size} entries (RFC 9162 2.1.1). */
    public static byte[] root(TreeNodes nodes, long size) {
        requireNonNegative(size, "size");
        return size == 0 ? emptyRoot() : rangeHash(nodes, 0, size);
    }

    /** The leaf hash of entry {@code index}, as stored. */
    public static byte[] leaf(TreeNodes nodes, long index) {
        requireNonNegative(index, "index");
        return read(nodes, 0, index);
    }

    /** PATH(index, D[size]) of RFC 9162 2.1.3.1, ordered from the leaf's sibling up to the root's child. */
    public static List<byte[]> inclusionPath(TreeNodes nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index " + index + " is not an entry of a tree of size " + size);
        }
        List<byte[]> path = new ArrayList<>();
        inclusion(nodes, index, 0, size, path);
        return path;
    }

    /**
     * PROOF(from, D[to]) of RFC 9162 2.1.4.1. Empty when {@code from == to}, and when {@code from == 0}
     * because every tree extends the empty one.
     */
    public static List<byte[]> consistencyPath(TreeNodes nodes, long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency path from size " + from + " to size " + to);
        }
        List<byte[]> path = new ArrayList<>();
        if (from > 0 && from < to) {
            subproof(nodes, from, 0, to, true, path);
        }
        return path;
    }

    // PATH(m, D[start:start+length]) with m absolute. Invariant: start is a multiple of the smallest power
    // of two >= length, which keeps every range handed to rangeHash aligned.
    private static void inclusion(TreeNodes nodes, long m, long start, long length, List<byte[]> path) {
        if (length == 1) {
            return;
        }
        long k = splitPoint(length);
        if (m < start + k) {
            inclusion(nodes, m, start, k, path);
            path.add(rangeHash(nodes, start + k, length - k));
        } else {
            inclusion(nodes, m, start + k, length - k, path);
            path.add(rangeHash(nodes, start, k));
        }
    }

    // SUBPROOF(m, D[start:start+length], b) with m relative to start.
    private static void subproof(TreeNodes nodes, long m, long start, long length, boolean isOldRoot,
                                 List<byte[]> path) {
        if (m == length) {
            if (!isOldRoot) {
                path.add(rangeHash(nodes, start, length));
            }
            return;
        }
        long k = splitPoint(length);
        if (m <= k) {
            subproof(nodes, m, start, k, isOldRoot, path);
            path.add(rangeHash(nodes, start + k, length - k));
        } else {
            subproof(nodes, m - k, start + k, length - k, false, path);
            path.add(rangeHash(nodes, start, k));
        }
    }

    /**
     * MTH of entries [start, start + length) for an aligned range: its RFC shape is the binary
     * decomposition of {@code length}, largest perfect subtree leftmost, folded from the right.
     */
    static byte[] rangeHash(TreeNodes nodes, long start, long length) {
        long end = start + length;
        byte[] folded = null;
        for (long remaining = length; remaining != 0; ) {
            long part = Long.lowestOneBit(remaining);
            int level = Long.numberOfTrailingZeros(part);
            end -= part;
            byte[] hash = read(nodes, level, end >>> level);
            folded = folded == null ? hash : nodeHash(hash, folded);
            remaining -= part;
        }
        return folded;
    }

    /** The largest power of two strictly smaller than {@code length} (> 1). */
    static long splitPoint(long length) {
        return Long.highestOneBit(length - 1);
    }

    private static byte[] read(TreeNodes nodes, int level, long index) {
        byte[] hash = nodes.node(level, index);
        if (hash == null) {
            throw new IllegalStateException("tree node level " + level + " index " + index + " is not stored");
        }
        requireHash(hash, "stored node");
        return hash;
    }

    static void requireHash(byte[] hash, String what) {
        if (hash == null || hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException(what + " is not a SHA-256 hash");
        }
    }

    private static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256.
            throw new IllegalStateException(e);
        }
    }
}
