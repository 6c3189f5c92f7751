package com.claimledger.ledger.integrity;

/**
 * Stored hashes of the perfect, aligned subtrees of the ledger's Merkle tree.
 *
 * <p>{@code node(level, index)} is the hash of entries {@code [index * 2^level, (index + 1) * 2^level)};
 * level 0 holds the leaf hashes. A node exists once every entry of its range has been appended.
 */
@FunctionalInterface
public interface TreeNodes {

    /** The stored hash, or {@code null} when that node has not been stored. */
    byte[] node(int level, long index);
}
