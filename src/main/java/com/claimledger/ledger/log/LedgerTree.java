package com.claimledger.ledger.log;

import com.claimledger.ledger.integrity.MerkleTree;
import com.claimledger.ledger.integrity.TreeNodes;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The ledger's Merkle tree as stored in {@code ledger_node}: the hash of every perfect subtree, written by the append
 * that completes it. Appends are serialised by the ledger's counter row (one ordering point in the database, however
 * many nodes write), so the left siblings an append reads are committed, or its own.
 * <p>
 * The tree's upper part — the nodes of {@value #KEPT_FROM_LEVEL} levels and more, each the hash of 256 entries or
 * more: one node in 128 of the tree — is kept in memory as it is read. Every inclusion proof and root reads the upper
 * part's nodes on its path, and more of them the larger the ledger (at 10^6 entries 12 of an inclusion path's 20, at
 * 10^4 5 of 13); kept, a proof reads about as many rows at 10^6 as at 10^4 (docs/benchmarks.md, thirtieth round).
 * A committed node never changes — the ledger's tables refuse updates and deletes (V9's triggers) — so what is kept
 * needs no invalidation, on one node or on several sharing a database.
 */
@Component
public class LedgerTree implements TreeNodes {

    private static final HexFormat HEX = HexFormat.of();

    /** The lowest level kept in memory: a node there hashes 2^8 = 256 entries. */
    static final int KEPT_FROM_LEVEL = 8;
    /**
     * At most this many nodes kept (some 100 bytes each: 13 MiB at most); the upper part of a ledger of 1.6 x 10^7
     * entries. Beyond it, nodes not kept are read from the table as before.
     */
    static final int KEPT_AT_MOST = 1 << 17;
    /** The position's bits in a node's {@link #key}. */
    private static final long INDEX_BITS = (1L << 56) - 1;

    private final NamedParameterJdbcTemplate jdbc;
    private final Map<Long, byte[]> upper = new ConcurrentHashMap<>();

    LedgerTree(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] node(int level, long index) {
        if (level < KEPT_FROM_LEVEL) {
            return read(level, index);
        }
        long key = key(level, index);
        byte[] hash = upper.get(key);
        if (hash != null) {
            return hash.clone();
        }
        hash = read(level, index);
        keep(level, key, hash);
        return hash;
    }

    /**
     * The tree as {@code reads} reads it, with every node it asks for read beforehand in one statement. Which nodes a
     * root, an inclusion path or a consistency path reads follows from the entries' numbers and the sizes alone, never
     * from a hash; so {@code reads} runs once over placeholders to name them, and the tree returned hands out what was
     * read (any node not read ahead as {@link #node} would). Node by node, an inclusion proof at 10^6 entries asked
     * the database a dozen statements, one a node below the kept levels, and a claim's proof some 25
     * (docs/benchmarks.md, fortieth round).
     */
    public TreeNodes readAhead(Consumer<TreeNodes> reads) {
        Set<Long> wanted = new LinkedHashSet<>();
        reads.accept((level, index) -> {
            wanted.add(key(level, index));
            return new byte[MerkleTree.HASH_LENGTH];
        });
        Map<Long, byte[]> found = new HashMap<>();
        List<Object[]> unread = new ArrayList<>();
        for (long key : wanted) {
            byte[] kept = upper.get(key);
            if (kept != null) {
                found.put(key, kept);
            } else {
                unread.add(new Object[] {(int) (key >>> 56), key & INDEX_BITS});
            }
        }
        if (!unread.isEmpty()) {
            // (level, position) in (...) is a range of the primary key a pair, on H2 as on PostgreSQL.
            jdbc.query("select level, position, hash from ledger_node where (level, position) in (:nodes)",
                    Map.of("nodes", unread), row -> {
                        int level = row.getInt(1);
                        long key = key(level, row.getLong(2));
                        byte[] hash = HEX.parseHex(row.getString(3));
                        found.put(key, hash);
                        keep(level, key, hash);
                    });
        }
        return (level, index) -> {
            byte[] hash = found.get(key(level, index));
            return hash != null ? hash.clone() : node(level, index);
        };
    }

    /** A node's level and position as one number: positions stay below 2^56. */
    private static long key(int level, long index) {
        return ((long) level << 56) | index;
    }

    /** Keeps a node just read if it is of the upper part, known to be committed, and there is room. */
    private void keep(int level, long key, byte[] hash) {
        // Only a node read outside any transaction is known to be committed: one an append still open wrote (or read
        // from its own writes) could be rolled back, and the entry at its sequence appended again with another hash.
        if (hash != null && level >= KEPT_FROM_LEVEL && !TransactionSynchronizationManager.isActualTransactionActive()
                && upper.size() < KEPT_AT_MOST) {
            upper.put(key, hash.clone());
        }
    }

    private byte[] read(int level, long index) {
        List<String> hash = jdbc.queryForList("select hash from ledger_node where level = :level and position = :position",
                Map.of("level", level, "position", index), String.class);
        return hash.isEmpty() ? null : HEX.parseHex(hash.get(0));
    }

    /** Stores the leaf of entry {@code sequence} and every subtree it completes, in the appending transaction. */
    void append(long sequence, byte[] leafHash) {
        store(0, sequence, sequence, leafHash);
        for (MerkleTree.Node node : MerkleTree.completedBy(sequence, leafHash, this)) {
            store(node.level(), node.index(), sequence, node.hash());
        }
    }

    /** The number of committed entries: they form a prefix of the sequence, since appends are serialised. */
    public long size() {
        Long size = jdbc.queryForObject("select coalesce(max(sequence), -1) + 1 from ledger_entry", Map.of(), Long.class);
        return size == null ? 0 : size;
    }

    private void store(int level, long position, long sequence, byte[] hash) {
        jdbc.update("insert into ledger_node (level, position, sequence, hash) values (:level, :position, :sequence, :hash)",
                new MapSqlParameterSource().addValue("level", level).addValue("position", position)
                        .addValue("sequence", sequence).addValue("hash", HEX.formatHex(hash)));
    }
}
