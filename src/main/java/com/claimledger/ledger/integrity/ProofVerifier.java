package com.claimledger.ledger.integrity;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Client-side checks of the ledger's proofs, step for step the algorithms of RFC 9162 sections 2.1.3.2
 * (inclusion) and 2.1.4.2 (consistency). They answer {@code false} rather than throw, because their input
 * comes from whoever is being audited.
 *
 * <p>Every hash (leaf, roots, path elements) must be 32 bytes: nothing else can be a SHA-256 tree node.
 */
public final class ProofVerifier {

    private ProofVerifier() {
    }

    /** Whether {@code path} proves that the entry with {@code leafHash} is entry {@code index} of the tree {@code root} of {@code size}. */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size || !isHash(leafHash) || !isHash(root) || !allHashes(path)) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleTree.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * Whether {@code path} proves that the tree {@code toRoot} of size {@code to} extends the tree
     * {@code fromRoot} of size {@code from}.
     *
     * <p>Beyond the RFC's {@code 0 < from < to}: equal sizes need an empty path and equal roots; from the
     * empty tree (its root is SHA-256 of nothing) every tree is an extension, with an empty path.
     */
    public static boolean verifyConsistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> path) {
        if (from < 0 || from > to || !isHash(fromRoot) || !isHash(toRoot) || !allHashes(path)) {
            return false;
        }
        if (from == 0) {
            byte[] empty = MerkleTree.emptyRoot();
            return path.isEmpty() && MessageDigest.isEqual(fromRoot, empty)
                    && (to > 0 || MessageDigest.isEqual(toRoot, empty));
        }
        if (from == to) {
            return path.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
        }
        if (path.isEmpty()) {
            return false;
        }
        List<byte[]> proof = path;
        if (Long.bitCount(from) == 1) {
            proof = new ArrayList<>(path.size() + 1);
            proof.add(fromRoot);
            proof.addAll(path);
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        byte[] fr = proof.get(0);
        byte[] sr = proof.get(0);
        for (byte[] c : proof.subList(1, proof.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleTree.nodeHash(c, fr);
                sr = MerkleTree.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot) && sn == 0;
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == MerkleTree.HASH_LENGTH;
    }

    private static boolean allHashes(List<byte[]> path) {
        if (path == null) {
            return false;
        }
        for (byte[] element : path) {
            if (!isHash(element)) {
                return false;
            }
        }
        return true;
    }
}
