package com.claimledger.ledger.integrity;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Appending: stored nodes, the streaming accumulator and the literal RFC definition agree at every size. */
class TreeGrowthTest {

    @Test
    void appendingOneToThreeHundredEntriesGivesTheRfcRootAtEverySize() {
        Random random = new Random(6962);
        List<byte[]> leaves = new ArrayList<>();
        InMemoryTreeNodes stored = new InMemoryTreeNodes();
        CompactRange streamed = new CompactRange();
        for (int n = 1; n <= 300; n++) {
            byte[] entry = new byte[random.nextInt(40)];
            random.nextBytes(entry);
            byte[] leafHash = MerkleTree.leafHash(entry);
            leaves.add(leafHash);

            List<MerkleTree.Node> completed = MerkleTree.completedBy(n - 1, leafHash, stored);
            assertThat(streamed.append(leafHash)).as("nodes completed by leaf %d", n - 1).isEqualTo(completed);
            stored.append(leafHash);

            byte[] expected = new Rfc9162Reference(leaves).mth(0, n);
            assertThat(MerkleTree.root(stored, n)).as("stored root of size %d", n).isEqualTo(expected);
            assertThat(streamed.root()).as("streamed root of size %d", n).isEqualTo(expected);
            assertThat(streamed.size()).isEqualTo(n);
            assertThat(CompactRange.resume(stored, n).root()).isEqualTo(expected);
        }
    }

    @Test
    void completedNodesAreExactlyThePerfectSubtreesTheLeafCloses() {
        InMemoryTreeNodes stored = new InMemoryTreeNodes();
        Random random = new Random(3);
        for (long i = 0; i < 64; i++) {
            byte[] leafHash = new byte[MerkleTree.HASH_LENGTH];
            random.nextBytes(leafHash);
            List<MerkleTree.Node> completed = MerkleTree.completedBy(i, leafHash, stored);
            stored.append(leafHash);
            assertThat(completed).hasSize(Long.numberOfTrailingZeros(i + 1));
            for (MerkleTree.Node node : completed) {
                assertThat((i + 1) % (1L << node.level())).isZero();
                assertThat(node.index()).isEqualTo((i + 1 >> node.level()) - 1);
                assertThat(node.hash()).isEqualTo(stored.node(node.level(), node.index()));
            }
        }
    }

    @Test
    void resumedAccumulatorContinuesLikeTheOriginal() {
        InMemoryTreeNodes stored = new InMemoryTreeNodes();
        CompactRange original = new CompactRange();
        for (int i = 0; i < 100; i++) {
            byte[] leafHash = MerkleTree.leafHash(new byte[] {(byte) i});
            stored.append(leafHash);
            original.append(leafHash);
        }
        CompactRange resumed = CompactRange.resume(stored, 77);
        CompactRange replayed = new CompactRange();
        for (int i = 0; i < 77; i++) {
            replayed.append(stored.node(0, i));
        }
        for (int i = 77; i < 100; i++) {
            assertThat(resumed.append(stored.node(0, i))).isEqualTo(replayed.append(stored.node(0, i)));
            assertThat(resumed.root()).isEqualTo(replayed.root()).isEqualTo(MerkleTree.root(stored, i + 1));
        }
    }

    /**
     * A million entries streamed through the accumulator, which keeps at most one hash per bit of the size,
     * against the root computed from lazily derived perfect subtrees (nothing materialised either way).
     */
    @Test
    void aMillionEntriesStreamInBoundedMemory() {
        int size = 1_000_000;
        CompactRange streamed = new CompactRange();
        for (int i = 0; i < size; i++) {
            streamed.append(leafOf(i));
        }
        TreeNodes derived = TreeGrowthTest::perfectSubtree;
        assertThat(streamed.root()).isEqualTo(MerkleTree.root(derived, size));
    }

    private static byte[] leafOf(long i) {
        return MerkleTree.leafHash(ByteBuffer.allocate(Long.BYTES).putLong(i).array());
    }

    private static byte[] perfectSubtree(int level, long index) {
        if (level == 0) {
            return leafOf(index);
        }
        return MerkleTree.nodeHash(perfectSubtree(level - 1, 2 * index), perfectSubtree(level - 1, 2 * index + 1));
    }
}
