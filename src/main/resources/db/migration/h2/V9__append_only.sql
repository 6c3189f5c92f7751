-- The stored events, the ledger entries and the tree's nodes are append-only: UPDATE and DELETE are refused.
-- Projections, tokens, dead letters and the ledger's counter are not guarded (replay rebuilds them; events never change).
create trigger domain_event_entry_append_only before update, delete on domain_event_entry
    for each row call 'com.claimledger.ledger.log.AppendOnly';
create trigger ledger_entry_append_only before update, delete on ledger_entry
    for each row call 'com.claimledger.ledger.log.AppendOnly';
create trigger ledger_node_append_only before update, delete on ledger_node
    for each row call 'com.claimledger.ledger.log.AppendOnly';
