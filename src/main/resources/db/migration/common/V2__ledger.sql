-- The ledger: every event in one dense order, assigned in the transaction that stores the event.
create table ledger_counter (
    id            integer primary key,
    next_sequence bigint  not null
);
insert into ledger_counter (id, next_sequence) values (1, 0);

create table ledger_entry (
    sequence     bigint       primary key,
    event_id     varchar(255) not null unique,
    type         varchar(100) not null,
    aggregate_id varchar(255),
    occurred_at  timestamp with time zone not null,
    recorded_at  timestamp with time zone not null,
    actor        varchar(200) not null,
    payload      varchar(1000000) not null
);
create index idx_ledger_entry_aggregate on ledger_entry (aggregate_id, sequence);

