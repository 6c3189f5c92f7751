-- One replay at a time over one database, whichever node runs it. The shadow tables of schema "replay" are shared by
-- every node on the database: two replays at once would fill and empty each other's shadows, and the second switch
-- would bring in a mixture. A replay holds this row's lease (its id, its node, until when) from its start to its
-- end, renewing it while it runs; a replay asked of another node meanwhile is refused, a retry of the dead letters on
-- any node is refused, and the other nodes pause their projections (ReplayLease, ReplayService). A node that dies
-- mid-replay leaves the lease to expire (ledger.replay.lease-term).
create table replay_lease (
    name        varchar(32) primary key,
    replay_id   varchar(36),
    node        varchar(255),
    started_at  timestamp(6) with time zone,
    expires_at  timestamp(6) with time zone
);
insert into replay_lease (name) values ('projections');
