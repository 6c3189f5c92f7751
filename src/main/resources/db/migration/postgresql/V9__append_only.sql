-- The stored events, the ledger entries and the tree's nodes are append-only: UPDATE and DELETE are refused.
-- Projections, tokens, dead letters and the ledger's counter are not guarded (replay rebuilds them; events never change).
create function ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: what the ledger stored is never updated or deleted', tg_table_name;
end;
$$;

create trigger domain_event_entry_append_only before update or delete on domain_event_entry
    for each row execute function ledger_append_only();
create trigger ledger_entry_append_only before update or delete on ledger_entry
    for each row execute function ledger_append_only();
create trigger ledger_node_append_only before update or delete on ledger_node
    for each row execute function ledger_append_only();
