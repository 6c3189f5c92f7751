package com.claimledger.ledger.log;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * H2's row trigger behind the append-only tables (Flyway migration V9): a stored event, a ledger entry or a node of
 * the ledger's tree is never updated or deleted. Someone with file access can drop the trigger; the verifier then
 * finds what was changed.
 */
public class AppendOnly implements Trigger {

    private String table;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type) {
        this.table = table;
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException(table + " is append-only: what the ledger stored is never updated or deleted", "45000");
    }
}
