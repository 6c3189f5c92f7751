package com.claimledger.ledger.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 9162 section 2.1 transcribed literally over a list of leaf hashes, sharing no code with the
 * production classes (not even their hashing), so the two can only agree by both being right.
 * MTH results are memoised per range: the leaves never change and the definitions recurse a lot.
 */
final class Rfc9162Reference {

    private final List<byte[]> leaves;
    private final Map<String, byte[]> mthByRange = new HashMap<>();

    Rfc9162Reference(List<byte[]> leafHashes) {
        this.leaves = List.copyOf(leafHashes);
    }

    static byte[] sha256(byte prefix, byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prefix);
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] interior(byte[] left, byte[] right) {
        return sha256((byte) 1, left, right);
    }

    /** k: the largest power of two smaller than n. */
    static int split(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    /** MTH(D[from:to]); D here already holds leaf hashes. */
    byte[] mth(int from, int to) {
        String key = from + ":" + to;
        byte[] cached = mthByRange.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] hash;
        int n = to - from;
        if (n == 0) {
            try {
                hash = MessageDigest.getInstance("SHA-256").digest();
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        } else if (n == 1) {
            hash = leaves.get(from);
        } else {
            int k = split(n);
            hash = interior(mth(from, from + k), mth(from + k, to));
        }
        mthByRange.put(key, hash);
        return hash;
    }

    /** PATH(m, D[from:to]). */
    List<byte[]> path(int m, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return new ArrayList<>();
        }
        int k = split(n);
        List<byte[]> path;
        if (m < k) {
            path = path(m, from, from + k);
            path.add(mth(from + k, to));
        } else {
            path = path(m - k, from + k, to);
            path.add(mth(from, from + k));
        }
        return path;
    }

    /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
    List<byte[]> proof(int m, int n) {
        return subproof(m, 0, n, true);
    }

    private List<byte[]> subproof(int m, int from, int to, boolean b) {
        int n = to - from;
        if (m == n) {
            List<byte[]> proof = new ArrayList<>();
            if (!b) {
                proof.add(mth(from, to));
            }
            return proof;
        }
        int k = split(n);
        List<byte[]> proof;
        if (m <= k) {
            proof = subproof(m, from, from + k, b);
            proof.add(mth(from + k, to));
        } else {
            proof = subproof(m - k, from + k, to, false);
            proof.add(mth(from, from + k));
        }
        return proof;
    }

    /**
     * The root that an inclusion path implies, by undoing PATH's recursion: its last element is the
     * sibling at the top split, the rest is the path inside the half holding leaf m. Null if the path has
     * the wrong length for (m, n).
     */
    static byte[] rootFromPath(byte[] leafHash, int m, int n, List<byte[]> path) {
        if (n == 1) {
            return path.isEmpty() ? leafHash : null;
        }
        if (path.isEmpty()) {
            return null;
        }
        int k = split(n);
        byte[] sibling = path.get(path.size() - 1);
        List<byte[]> inner = path.subList(0, path.size() - 1);
        if (m < k) {
            byte[] left = rootFromPath(leafHash, m, k, inner);
            return left == null ? null : interior(left, sibling);
        }
        byte[] right = rootFromPath(leafHash, m - k, n - k, inner);
        return right == null ? null : interior(sibling, right);
    }

    /**
     * The (old root, new root) pair a consistency proof implies, by undoing SUBPROOF's recursion; the old
     * root is only known to the caller when the old tree is a left-edge subtree (b still true). Null if
     * the proof has the wrong shape.
     */
    static byte[][] rootsFromProof(int m, int n, List<byte[]> proof, byte[] oldRoot) {
        return rootsFromSubproof(m, n, true, proof, oldRoot);
    }

    private static byte[][] rootsFromSubproof(int m, int n, boolean b, List<byte[]> proof, byte[] oldRoot) {
        if (m == n) {
            if (b) {
                return proof.isEmpty() ? new byte[][] {oldRoot, oldRoot} : null;
            }
            return proof.size() == 1 ? new byte[][] {proof.get(0), proof.get(0)} : null;
        }
        if (proof.isEmpty()) {
            return null;
        }
        int k = split(n);
        byte[] sibling = proof.get(proof.size() - 1);
        List<byte[]> inner = proof.subList(0, proof.size() - 1);
        if (m <= k) {
            byte[][] roots = rootsFromSubproof(m, k, b, inner, oldRoot);
            return roots == null ? null : new byte[][] {roots[0], interior(roots[1], sibling)};
        }
        byte[][] roots = rootsFromSubproof(m - k, n - k, false, inner, oldRoot);
        return roots == null ? null : new byte[][] {interior(sibling, roots[0]), interior(sibling, roots[1])};
    }

    /** Independent inclusion check: the path rebuilds the expected root. */
    static boolean includes(byte[] leafHash, int m, int n, List<byte[]> path, byte[] root) {
        byte[] rebuilt = rootFromPath(leafHash, m, n, path);
        return rebuilt != null && Arrays.equals(rebuilt, root);
    }

    /** Independent consistency check for 0 < m <= n. */
    static boolean consistent(int m, int n, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        byte[][] roots = rootsFromProof(m, n, proof, oldRoot);
        return roots != null && Arrays.equals(roots[0], oldRoot) && Arrays.equals(roots[1], newRoot);
    }
}
