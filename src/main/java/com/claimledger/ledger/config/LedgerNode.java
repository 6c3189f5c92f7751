package com.claimledger.ledger.config;

/**
 * This node's name among the nodes of one database ({@code ledger.node-id}): the owner of its projections' segment
 * claims in the shared token store and the holder of a replay's lease.
 */
public record LedgerNode(String id) {
}
