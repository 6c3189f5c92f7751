package com.claimledger.ledger.log;

import com.claimledger.ledger.integrity.CompactRange;
import com.claimledger.ledger.integrity.LedgerVerifier;
import com.claimledger.ledger.integrity.MerkleTree;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Flyway migration 8: a ledger recorded before the tree existed gets its leaf hashes and tree nodes, computed from
 * its entries in sequence order exactly as the appender computes them. A new ledger has no entries yet: nothing to do.
 */
@Component
class LedgerTreeBackfill implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("8");
    }

    @Override
    public String getDescription() {
        return "ledger tree of the entries recorded before it";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(new SingleConnectionDataSource(connection, true));
        ObjectMapper json = new ObjectMapper();
        HexFormat hex = HexFormat.of();
        CompactRange range = new CompactRange();
        List<MapSqlParameterSource> nodes = new ArrayList<>();
        try (PreparedStatement entries = connection.prepareStatement("select * from ledger_entry order by sequence")) {
            entries.setFetchSize(1000);
            try (ResultSet row = entries.executeQuery()) {
                while (row.next()) {
                    long sequence = row.getLong("sequence");
                    byte[] leaf = LedgerVerifier.leafHashOf(row, json);
                    nodes.add(node(0, sequence, sequence, hex.formatHex(leaf)));
                    for (MerkleTree.Node node : range.append(leaf)) {
                        nodes.add(node(node.level(), node.index(), sequence, hex.formatHex(node.hash())));
                    }
                    if (nodes.size() >= 1000) {
                        store(jdbc, nodes);
                    }
                }
            }
        }
        store(jdbc, nodes);
    }

    private static MapSqlParameterSource node(int level, long position, long sequence, String hash) {
        return new MapSqlParameterSource().addValue("level", level).addValue("position", position)
                .addValue("sequence", sequence).addValue("hash", hash);
    }

    private static void store(NamedParameterJdbcTemplate jdbc, List<MapSqlParameterSource> nodes) {
        if (!nodes.isEmpty()) {
            jdbc.batchUpdate("insert into ledger_node (level, position, sequence, hash) values (:level, :position, :sequence, :hash)",
                    nodes.toArray(MapSqlParameterSource[]::new));
            nodes.clear();
        }
    }
}
