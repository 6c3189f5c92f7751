package com.claimledger.ledger.log;

import com.claimledger.ledger.integrity.MerkleTree;
import com.claimledger.ledger.integrity.TreeNodes;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The ledger's Merkle tree as stored in {@code ledger_node}: the hash of every perfect subtree, written by the append
 * that completes it. Appends are serialised by the ledger's counter row (one ordering point in the database, however
 * many nodes write), so the left siblings an append reads are committed, or its own.
 */
@Component
public class LedgerTree implements TreeNodes {

    private static final HexFormat HEX = HexFormat.of();

    private final NamedParameterJdbcTemplate jdbc;

    LedgerTree(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] node(int level, long index) {
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
