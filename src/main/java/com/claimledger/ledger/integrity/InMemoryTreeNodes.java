package com.claimledger.ledger.integrity;

import java.util.ArrayList;
import java.util.List;

/**
 * Every perfect subtree of a ledger held in memory: what the database stores, for tests and for
 * serving proofs over a small, already loaded list of entries. Memory grows with the ledger;
 * use {@link CompactRange} when only the root is needed.
 */
public final class InMemoryTreeNodes implements TreeNodes {

    private final List<List<byte[]>> levels = new ArrayList<>();

    public static InMemoryTreeNodes of(List<byte[]> leafHashes) {
        InMemoryTreeNodes nodes = new InMemoryTreeNodes();
        leafHashes.forEach(nodes::append);
        return nodes;
    }

    /** Stores the next leaf hash and every node it completes, exactly as the database does on append. */
    public void append(byte[] leafHash) {
        long index = size();
        List<MerkleTree.Node> completed = MerkleTree.completedBy(index, leafHash, this);
        store(0, leafHash);
        completed.forEach(node -> store(node.level(), node.hash()));
    }

    public long size() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }

    @Override
    public byte[] node(int level, long index) {
        if (level < 0 || level >= levels.size() || index < 0 || index >= levels.get(level).size()) {
            return null;
        }
        // Callers may mutate what they get (proof elements travel); the store must stay intact.
        return levels.get(level).get((int) index).clone();
    }

    // Nodes of a level are completed strictly left to right, so appending keeps list position == index.
    private void store(int level, byte[] hash) {
        while (levels.size() <= level) {
            levels.add(new ArrayList<>());
        }
        levels.get(level).add(hash.clone());
    }
}
