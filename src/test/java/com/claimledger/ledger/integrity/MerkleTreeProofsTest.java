package com.claimledger.ledger.integrity;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every proof of every tree of 1..300 random entries, served from stored perfect subtrees, against the
 * literal RFC 9162 definitions in {@link Rfc9162Reference}; and every single-bit forgery is refused.
 */
class MerkleTreeProofsTest {

    private static final int MAX_SIZE = 300;

    // Trees of every size are prefixes of one ledger, exactly as the real ledger grows.
    private static List<byte[]> leaves;
    private static InMemoryTreeNodes stored;
    private static Rfc9162Reference reference;

    @BeforeAll
    static void growLedger() {
        Random random = new Random(9162);
        leaves = new ArrayList<>();
        stored = new InMemoryTreeNodes();
        for (int i = 0; i < MAX_SIZE; i++) {
            byte[] entry = new byte[1 + random.nextInt(64)];
            random.nextBytes(entry);
            byte[] leafHash = MerkleTree.leafHash(entry);
            leaves.add(leafHash);
            stored.append(leafHash);
        }
        reference = new Rfc9162Reference(leaves);
    }

    @Test
    void everyInclusionPathIsTheRfcPathAndVerifiesIndependently() {
        Random random = new Random(1);
        for (int n = 1; n <= MAX_SIZE; n++) {
            byte[] root = MerkleTree.root(stored, n);
            assertThat(root).as("root of size %d", n).isEqualTo(reference.mth(0, n));
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.inclusionPath(stored, m, n);
                check(samePath(path, reference.path(m, 0, n)), "PATH(%d, D[%d]) differs from the RFC", m, n);
                check(Rfc9162Reference.includes(leaves.get(m), m, n, path, root), "reference rejects PATH(%d, D[%d])", m, n);
                check(ProofVerifier.verifyInclusion(leaves.get(m), m, n, path, root), "verifier rejects PATH(%d, D[%d])", m, n);
                assertInclusionForgeriesRefused(m, n, path, root, random);
            }
        }
    }

    @Test
    void everyConsistencyPathIsTheRfcProofAndVerifiesIndependently() {
        Random random = new Random(2);
        for (int n = 1; n <= MAX_SIZE; n++) {
            byte[] newRoot = reference.mth(0, n);
            for (int m = 1; m <= n; m++) {
                byte[] oldRoot = reference.mth(0, m);
                List<byte[]> path = MerkleTree.consistencyPath(stored, m, n);
                List<byte[]> expected = m == n ? List.of() : reference.proof(m, n);
                check(samePath(path, expected), "PROOF(%d, D[%d]) differs from the RFC", m, n);
                check(Rfc9162Reference.consistent(m, n, oldRoot, newRoot, path), "reference rejects PROOF(%d, D[%d])", m, n);
                check(ProofVerifier.verifyConsistency(m, n, oldRoot, newRoot, path), "verifier rejects PROOF(%d, D[%d])", m, n);
                assertConsistencyForgeriesRefused(m, n, path, oldRoot, newRoot, random);
            }
            assertThat(MerkleTree.consistencyPath(stored, 0, n)).isEmpty();
            assertThat(ProofVerifier.verifyConsistency(0, n, MerkleTree.emptyRoot(), newRoot, List.of())).isTrue();
        }
    }

    /** Every byte of every element, for sizes around the edges where the tree shape changes. */
    @Test
    void everyByteOfEveryElementMattersOnEdgeSizes() {
        Set<Integer> sizes = edgeSizes();
        for (int n : sizes) {
            byte[] root = reference.mth(0, n);
            for (int m : edgeIndexes(n)) {
                List<byte[]> path = MerkleTree.inclusionPath(stored, m, n);
                for (int element = 0; element < path.size(); element++) {
                    for (int position = 0; position < MerkleTree.HASH_LENGTH; position++) {
                        List<byte[]> forged = withFlip(path, element, position, 0xff);
                        assertThat(ProofVerifier.verifyInclusion(leaves.get(m), m, n, forged, root)).isFalse();
                    }
                }
                for (int position = 0; position < MerkleTree.HASH_LENGTH; position++) {
                    assertThat(ProofVerifier.verifyInclusion(flip(leaves.get(m), position, 0xff), m, n, path, root)).isFalse();
                    assertThat(ProofVerifier.verifyInclusion(leaves.get(m), m, n, path, flip(root, position, 0xff))).isFalse();
                }
            }
            for (int m : edgeIndexes(n + 1)) {
                if (m == 0) {
                    continue;
                }
                byte[] oldRoot = reference.mth(0, m);
                List<byte[]> path = MerkleTree.consistencyPath(stored, m, n);
                for (int element = 0; element < path.size(); element++) {
                    for (int position = 0; position < MerkleTree.HASH_LENGTH; position++) {
                        assertThat(ProofVerifier.verifyConsistency(m, n, oldRoot, root, withFlip(path, element, position, 0xff)))
                                .as("consistency %d..%d element %d byte %d", m, n, element, position).isFalse();
                    }
                }
                for (int position = 0; position < MerkleTree.HASH_LENGTH; position++) {
                    assertThat(ProofVerifier.verifyConsistency(m, n, flip(oldRoot, position, 0xff), root, path)).isFalse();
                    assertThat(ProofVerifier.verifyConsistency(m, n, oldRoot, flip(root, position, 0xff), path)).isFalse();
                }
            }
        }
    }

    // Not asserted: a path for size n can verify the same root claimed at size n + 1 (n = 3, m = 0: leaf 2's
    // hash stands in for node (1, 1)); only the signed head binds a root to its size.
    @Test
    void proofsDoNotTransferToOtherPositionsOrLeaves() {
        for (int n : edgeSizes()) {
            byte[] root = reference.mth(0, n);
            for (int m = 0; m < n; m++) {
                List<byte[]> path = MerkleTree.inclusionPath(stored, m, n);
                if (n > 1) {
                    int other = (m + 1) % n;
                    assertThat(ProofVerifier.verifyInclusion(leaves.get(m), other, n, path, root)).isFalse();
                    assertThat(ProofVerifier.verifyInclusion(leaves.get(other), m, n, path, root)).isFalse();
                    List<byte[]> truncated = path.subList(0, path.size() - 1);
                    assertThat(ProofVerifier.verifyInclusion(leaves.get(m), m, n, truncated, root)).isFalse();
                }
                List<byte[]> extended = new ArrayList<>(path);
                extended.add(root);
                assertThat(ProofVerifier.verifyInclusion(leaves.get(m), m, n, extended, root)).isFalse();
            }
        }
    }

    @Test
    void proofsNeedOnlyLogarithmicallyManyNodeReads() {
        int[] reads = new int[1];
        TreeNodes counting = (level, index) -> {
            reads[0]++;
            return stored.node(level, index);
        };
        for (int n = 1; n <= MAX_SIZE; n++) {
            int bound = 2 * (64 - Long.numberOfLeadingZeros(n)) + 1;
            reads[0] = 0;
            MerkleTree.root(counting, n);
            assertThat(reads[0]).isLessThanOrEqualTo(bound);
            for (int m = 0; m < n; m++) {
                reads[0] = 0;
                MerkleTree.inclusionPath(counting, m, n);
                assertThat(reads[0]).as("reads for PATH(%d, D[%d])", m, n).isLessThanOrEqualTo(bound);
                reads[0] = 0;
                MerkleTree.consistencyPath(counting, m + 1, n);
                assertThat(reads[0]).as("reads for PROOF(%d, D[%d])", m + 1, n).isLessThanOrEqualTo(bound);
            }
        }
    }

    @Test
    void invalidRequestsAndMissingNodesAreRefused() {
        assertThatThrownBy(() -> MerkleTree.inclusionPath(stored, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.inclusionPath(stored, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyPath(stored, 6, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.root(stored, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.root(stored, MAX_SIZE + 1)).isInstanceOf(IllegalStateException.class);
        assertThat(ProofVerifier.verifyInclusion(leaves.get(0), 0, 0, List.of(), MerkleTree.emptyRoot())).isFalse();
        assertThat(ProofVerifier.verifyInclusion(leaves.get(0), -1, 1, List.of(), leaves.get(0))).isFalse();
        assertThat(ProofVerifier.verifyConsistency(2, 1, leaves.get(0), leaves.get(0), List.of())).isFalse();
        assertThat(ProofVerifier.verifyConsistency(0, 0, MerkleTree.emptyRoot(), MerkleTree.emptyRoot(), List.of())).isTrue();
        assertThat(ProofVerifier.verifyInclusion(leaves.get(0), 0, 1, null, leaves.get(0))).isFalse();
    }

    private static void assertInclusionForgeriesRefused(int m, int n, List<byte[]> path, byte[] root, Random random) {
        for (int element = 0; element < path.size(); element++) {
            List<byte[]> forged = withFlip(path, element, random.nextInt(MerkleTree.HASH_LENGTH), 1 << random.nextInt(8));
            check(!ProofVerifier.verifyInclusion(leaves.get(m), m, n, forged, root),
                    "inclusion %d in %d accepted with element %d flipped", m, n, element);
            check(!Rfc9162Reference.includes(leaves.get(m), m, n, forged, root),
                    "reference accepts inclusion %d in %d with element %d flipped", m, n, element);
        }
        byte[] forgedLeaf = flip(leaves.get(m), random.nextInt(MerkleTree.HASH_LENGTH), 1 << random.nextInt(8));
        check(!ProofVerifier.verifyInclusion(forgedLeaf, m, n, path, root), "inclusion %d in %d of a flipped leaf", m, n);
        byte[] forgedRoot = flip(root, random.nextInt(MerkleTree.HASH_LENGTH), 1 << random.nextInt(8));
        check(!ProofVerifier.verifyInclusion(leaves.get(m), m, n, path, forgedRoot), "inclusion %d in %d, flipped root", m, n);
    }

    private static void assertConsistencyForgeriesRefused(int m, int n, List<byte[]> path, byte[] oldRoot,
                                                          byte[] newRoot, Random random) {
        for (int element = 0; element < path.size(); element++) {
            List<byte[]> forged = withFlip(path, element, random.nextInt(MerkleTree.HASH_LENGTH), 1 << random.nextInt(8));
            check(!ProofVerifier.verifyConsistency(m, n, oldRoot, newRoot, forged),
                    "consistency %d..%d accepted with element %d flipped", m, n, element);
            check(!Rfc9162Reference.consistent(m, n, oldRoot, newRoot, forged),
                    "reference accepts consistency %d..%d with element %d flipped", m, n, element);
        }
        byte[] forgedOld = flip(oldRoot, random.nextInt(MerkleTree.HASH_LENGTH), 1 << random.nextInt(8));
        check(!ProofVerifier.verifyConsistency(m, n, forgedOld, newRoot, path), "consistency %d..%d, flipped old root", m, n);
        byte[] forgedNew = flip(newRoot, random.nextInt(MerkleTree.HASH_LENGTH), 1 << random.nextInt(8));
        check(!ProofVerifier.verifyConsistency(m, n, oldRoot, forgedNew, path), "consistency %d..%d, flipped new root", m, n);
    }

    private static Set<Integer> edgeSizes() {
        Set<Integer> sizes = new TreeSet<>(List.of(1, 2, 3, 5, 6, 7, 100, 299, 300));
        for (int power = 1; power <= 256; power *= 2) {
            sizes.add(power);
            sizes.add(power - 1 > 0 ? power - 1 : 1);
            sizes.add(power + 1);
        }
        return sizes;
    }

    /** 0, 1, powers of two, their neighbours, and the last index below {@code bound}. */
    private static Set<Integer> edgeIndexes(int bound) {
        Set<Integer> indexes = new TreeSet<>();
        for (int candidate : List.of(0, 1, bound / 2, bound - 2, bound - 1)) {
            if (candidate >= 0 && candidate < bound) {
                indexes.add(candidate);
            }
        }
        for (int power = 2; power < bound; power *= 2) {
            indexes.add(power - 1);
            indexes.add(power);
            if (power + 1 < bound) {
                indexes.add(power + 1);
            }
        }
        return indexes;
    }

    // Plain checks in the hot loops: AssertJ's per-call cost dominated the ~90,000 proofs checked here.
    private static void check(boolean holds, String failure, Object... arguments) {
        if (!holds) {
            fail(String.format(failure, arguments));
        }
    }

    private static boolean samePath(List<byte[]> actual, List<byte[]> expected) {
        if (actual.size() != expected.size()) {
            return false;
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!Arrays.equals(actual.get(i), expected.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<byte[]> withFlip(List<byte[]> path, int element, int position, int mask) {
        List<byte[]> forged = new ArrayList<>(path);
        forged.set(element, flip(path.get(element), position, mask));
        return forged;
    }

    private static byte[] flip(byte[] hash, int position, int mask) {
        byte[] flipped = hash.clone();
        flipped[position] ^= (byte) mask;
        return flipped;
    }
}
