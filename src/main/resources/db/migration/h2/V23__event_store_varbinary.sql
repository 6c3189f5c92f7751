-- Axon's serialized columns as varbinary instead of blob (bound so by VarbinaryH2Dialect), as PostgreSQL has them as
-- bytea. As BLOBs H2 kept every payload over 256 bytes in its LOB store, apart from its row, and copied each one a query
-- returned to a temporary LOB of the session: a write to the LOB maps for every event read, and the copies held on the
-- heap until LOB_TIMEOUT (docs/benchmarks.md, twelfth round). H2 rewrites each table once per changed column; the
-- append-only trigger and the constraints are carried over by H2 and the values are converted unchanged.
alter table domain_event_entry alter column payload set data type varbinary;
alter table domain_event_entry alter column meta_data set data type varbinary;
alter table snapshot_event_entry alter column payload set data type varbinary;
alter table snapshot_event_entry alter column meta_data set data type varbinary;
alter table token_entry alter column token set data type varbinary;
alter table saga_entry alter column serialized_saga set data type varbinary;
alter table dead_letter_entry alter column diagnostics set data type varbinary;
alter table dead_letter_entry alter column meta_data set data type varbinary;
alter table dead_letter_entry alter column payload set data type varbinary;
alter table dead_letter_entry alter column token set data type varbinary;
