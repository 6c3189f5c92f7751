-- A page of claims read every claim's rows from three tables besides claim_view: its subjects (claim_subject), its
-- wording (claim_wording) and its entities. At 10^6 claims those rows lie on pages of the file outside H2's page cache
-- (a topic's claims are spread over its whole stretch of the ledger), so each claim cost a page decoded a table:
-- measured on the kept 10^6 ledger, a current view's page of 50 claims read 72 pages for its subjects and 67 for its
-- wordings of some 230, and allocated 1.2 of its 2.1 MB there (docs/benchmarks.md, twenty-second round). The claim as
-- recorded now comes with its claim_view row: the wording as recorded (revision 0, which has the claim's own times),
-- the subjects' ids in order (space-separated: an id has no space, SPEC section 2), and how many amendments it has
-- had, so that only the few claims ever amended have their wordings read. claim_subject and claim_wording stay as they
-- are: the subject filter, the diff and the search read them. The statement is not declared not null: a row written
-- before this migration without its wording (none should exist) must not stop the node from starting.
alter table claim_view add column statement varchar(4000);
alter table claim_view add column quote varchar(4000);
alter table claim_view add column subject_ids varchar(20000);
alter table claim_view add column amendments integer default 0 not null;
update claim_view c set
    statement = (select w.statement from claim_wording w where w.claim_id = c.claim_id and w.revision = 0),
    quote = (select w.quote from claim_wording w where w.claim_id = c.claim_id and w.revision = 0),
    amendments = (select count(*) - 1 from claim_wording w where w.claim_id = c.claim_id),
    subject_ids = (select string_agg(s.entity_id, ' ' order by s.position) from claim_subject s
                   where s.claim_id = c.claim_id);

-- The shadow a replay rebuilds into keeps the same shape (ReplaySchemaTest); it holds rows only during a replay.
alter table replay.claim_view add column statement varchar(4000);
alter table replay.claim_view add column quote varchar(4000);
alter table replay.claim_view add column subject_ids varchar(20000);
alter table replay.claim_view add column amendments integer default 0 not null;
update replay.claim_view c set
    statement = (select w.statement from replay.claim_wording w where w.claim_id = c.claim_id and w.revision = 0),
    quote = (select w.quote from replay.claim_wording w where w.claim_id = c.claim_id and w.revision = 0),
    amendments = (select count(*) - 1 from replay.claim_wording w where w.claim_id = c.claim_id),
    subject_ids = (select string_agg(s.entity_id, ' ' order by s.position) from replay.claim_subject s
                   where s.claim_id = c.claim_id);
