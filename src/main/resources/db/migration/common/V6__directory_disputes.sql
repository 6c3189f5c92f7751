-- Disputes in force, for the write side: a pair of claims disputes each other once, whichever the direction.
create table claim_directory_dispute (
    claim_id    varchar(100) not null,
    by_claim_id varchar(100) not null,
    primary key (claim_id, by_claim_id)
);
insert into claim_directory_dispute (claim_id, by_claim_id)
    select distinct claim_id, by_claim_id from claim_dispute where withdrawn_recorded_at is null;
