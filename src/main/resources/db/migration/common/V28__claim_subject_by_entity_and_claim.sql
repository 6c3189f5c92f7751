-- The subject filter reads claim_subject by entity: a subject's claims (the disputed view of a subject, a subject's
-- timeline, a list's start from a subject of few claims) and whether a claim is about a subject (exists: entity and
-- claim). With the index on entity_id alone, H2 fetched each matching row from the table for its claim_id: a subject
-- of some 6,000 claims at 10^6 entries took 14-55 ms to read its claims, most of the disputed view of such a subject.
-- With claim_id in the index, H2 reads the index alone (5 ms; PostgreSQL can scan it index-only too), and the index
-- still serves every lookup by entity. docs/benchmarks.md, twenty-seventh round.
create index idx_claim_subject_entity_claim on claim_subject (entity_id, claim_id);
drop index idx_claim_subject_entity;
