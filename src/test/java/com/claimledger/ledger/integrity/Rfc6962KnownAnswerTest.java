package com.claimledger.ledger.integrity;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers of the RFC 6962 reference implementation in the public repository transparency-dev/merkle:
 * <ul>
 *   <li>leaves, node hashes and roots: testonly/constants.go (LeafInputs, NodeHashes, RootHashes,
 *       EmptyRootHash) at commit 417fb0c314750d94e53942e9f92e79b6d35915db;</li>
 *   <li>inclusion and consistency proofs: the tables inclusionProofs and consistencyProofs of
 *       proof/verify_test.go at commit 9ca563d3ac2bab915317cf153ed4f952f6e74c07 (the parent of bcba819ef46f, which moved the same data to
 *       testdata/inclusion/N/happy-path.json and testdata/consistency/N/happy-path.json);</li>
 *   <li>accept/reject probes: testdata/inclusion/ and testdata/consistency/, see {@link TransparencyDevProbes}.</li>
 * </ul>
 * Only their data is copied; all code here is ours.
 */
class Rfc6962KnownAnswerTest {

    private static final HexFormat HEX = HexFormat.of();

    private static final List<String> LEAF_INPUTS = List.of(
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f");

    private static final List<List<String>> NODE_HASHES = List.of(
            List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"),
            List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            List.of("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            List.of("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

    /** Indexed by tree size, starting at the empty tree. */
    private static final List<String> ROOT_HASHES = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** leaf (1-based, as in the source table), tree size, path. */
    private record InclusionVector(long leaf, long size, List<String> path) {
    }

    private record ConsistencyVector(long from, long to, List<String> path) {
    }

    private static final List<InclusionVector> INCLUSION_PROOFS = List.of(
            new InclusionVector(1, 1, List.of()),
            new InclusionVector(1, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new InclusionVector(6, 8, List.of(
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new InclusionVector(3, 3, List.of(
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new InclusionVector(2, 5, List.of(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    private static final List<ConsistencyVector> CONSISTENCY_PROOFS = List.of(
            new ConsistencyVector(1, 1, List.of()),
            new ConsistencyVector(1, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new ConsistencyVector(6, 8, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new ConsistencyVector(2, 5, List.of(
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new ConsistencyVector(6, 7, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    private static InMemoryTreeNodes referenceTree() {
        InMemoryTreeNodes tree = new InMemoryTreeNodes();
        LEAF_INPUTS.forEach(input -> tree.append(MerkleTree.leafHash(HEX.parseHex(input))));
        return tree;
    }

    @Test
    void emptyRootIsTheirEmptyRootHash() {
        assertThat(HEX.formatHex(MerkleTree.emptyRoot())).isEqualTo(ROOT_HASHES.get(0));
        assertThat(HEX.formatHex(MerkleTree.root(new InMemoryTreeNodes(), 0))).isEqualTo(ROOT_HASHES.get(0));
        assertThat(HEX.formatHex(new CompactRange().root())).isEqualTo(ROOT_HASHES.get(0));
    }

    @Test
    void storedNodesAreTheirNodeHashes() {
        InMemoryTreeNodes tree = referenceTree();
        for (int level = 0; level < NODE_HASHES.size(); level++) {
            for (int index = 0; index < NODE_HASHES.get(level).size(); index++) {
                assertThat(HEX.formatHex(tree.node(level, index)))
                        .as("node level %d index %d", level, index)
                        .isEqualTo(NODE_HASHES.get(level).get(index));
            }
        }
    }

    @Test
    void rootsOfSizesOneToEightAreTheirRootHashes() {
        InMemoryTreeNodes tree = referenceTree();
        CompactRange streamed = new CompactRange();
        for (int size = 1; size <= 8; size++) {
            streamed.append(MerkleTree.leafHash(HEX.parseHex(LEAF_INPUTS.get(size - 1))));
            assertThat(HEX.formatHex(MerkleTree.root(tree, size))).as("root of size %d", size)
                    .isEqualTo(ROOT_HASHES.get(size));
            assertThat(HEX.formatHex(streamed.root())).as("streamed root of size %d", size)
                    .isEqualTo(ROOT_HASHES.get(size));
        }
    }

    @Test
    void inclusionPathsAreTheirsAndVerify() {
        InMemoryTreeNodes tree = referenceTree();
        for (InclusionVector vector : INCLUSION_PROOFS) {
            long index = vector.leaf() - 1;
            List<byte[]> path = MerkleTree.inclusionPath(tree, index, vector.size());
            assertThat(hex(path)).as("inclusion of leaf %d in size %d", index, vector.size())
                    .isEqualTo(vector.path());
            byte[] leafHash = MerkleTree.leafHash(HEX.parseHex(LEAF_INPUTS.get((int) index)));
            assertThat(ProofVerifier.verifyInclusion(leafHash, index, vector.size(), bytes(vector.path()),
                    HEX.parseHex(ROOT_HASHES.get((int) vector.size())))).isTrue();
        }
    }

    @Test
    void consistencyPathsAreTheirsAndVerify() {
        InMemoryTreeNodes tree = referenceTree();
        for (ConsistencyVector vector : CONSISTENCY_PROOFS) {
            List<byte[]> path = MerkleTree.consistencyPath(tree, vector.from(), vector.to());
            assertThat(hex(path)).as("consistency from %d to %d", vector.from(), vector.to())
                    .isEqualTo(vector.path());
            assertThat(ProofVerifier.verifyConsistency(vector.from(), vector.to(),
                    HEX.parseHex(ROOT_HASHES.get((int) vector.from())), HEX.parseHex(ROOT_HASHES.get((int) vector.to())),
                    bytes(vector.path()))).isTrue();
        }
    }

    @TestFactory
    Stream<DynamicTest> inclusionProbesGetTheirVerdict() {
        return TransparencyDevProbes.INCLUSION.lines().map(String::strip).filter(line -> !line.isEmpty()).map(line -> {
            String[] f = line.split(" ");
            return DynamicTest.dynamicTest(f[0], () -> {
                boolean accepted = ProofVerifier.verifyInclusion(hash(f[4]), Long.parseUnsignedLong(f[1]),
                        Long.parseUnsignedLong(f[2]), path(f[5]), hash(f[3]));
                assertThat(accepted).isEqualTo(f[6].equals("accept"));
            });
        });
    }

    /**
     * Their verifier compares the roots of equal sizes without looking at them; here a "root" that is not
     * 32 bytes is never accepted. (The other difference, that any tree extends the empty tree, is not probed
     * by their data; see the test below.)
     */
    private static final List<String> DELIBERATE_DIFFERENCES = List.of(
            "consistency/additional/sizes-are-equal-one-and-proof-is-empty.json");

    @TestFactory
    Stream<DynamicTest> consistencyProbesGetTheirVerdict() {
        return TransparencyDevProbes.CONSISTENCY.lines().map(String::strip).filter(line -> !line.isEmpty()).map(line -> {
            String[] f = line.split(" ");
            return DynamicTest.dynamicTest(f[0], () -> {
                boolean accepted = ProofVerifier.verifyConsistency(Long.parseUnsignedLong(f[1]), Long.parseUnsignedLong(f[2]),
                        hash(f[3]), hash(f[4]), path(f[5]));
                boolean theirs = f[6].equals("accept");
                assertThat(accepted).isEqualTo(DELIBERATE_DIFFERENCES.contains(f[0]) != theirs);
            });
        });
    }

    @Test
    void theDeliberateDifferencesAreOnlyAboutTheEmptyTreeAndMalformedRoots() {
        byte[] someRoot = HEX.parseHex(ROOT_HASHES.get(1));
        assertThat(ProofVerifier.verifyConsistency(0, 1, MerkleTree.emptyRoot(), someRoot, List.of())).isTrue();
        assertThat(ProofVerifier.verifyConsistency(0, 1, someRoot, someRoot, List.of())).isFalse();
        assertThat(ProofVerifier.verifyConsistency(0, 1, MerkleTree.emptyRoot(), someRoot, List.of(someRoot))).isFalse();
        byte[] notAHash = "don't care 2".getBytes();
        assertThat(ProofVerifier.verifyConsistency(1, 1, notAHash, notAHash, List.of())).isFalse();
        assertThat(ProofVerifier.verifyConsistency(1, 1, someRoot, someRoot, List.of())).isTrue();
    }

    private static byte[] hash(String hex) {
        return hex.equals("-") ? new byte[0] : HEX.parseHex(hex);
    }

    private static List<byte[]> path(String commaSeparated) {
        return commaSeparated.equals("-") ? List.of()
                : Arrays.stream(commaSeparated.split(",", -1))
                        .map(element -> element.equals("_") ? new byte[0] : HEX.parseHex(element)).toList();
    }

    private static List<String> hex(List<byte[]> path) {
        List<String> hex = new ArrayList<>();
        path.forEach(element -> hex.add(HEX.formatHex(element)));
        return hex;
    }

    private static List<byte[]> bytes(List<String> hex) {
        return hex.stream().map(HEX::parseHex).toList();
    }
}
