-- Since V26 a claim's wording as recorded (revision 0) is on its claim_view row, and the readers take it from there;
-- claim_wording kept a second copy of it for every claim. Writing, indexing (primary key and both change times) and,
-- in a replay, fingerprinting that copy cost a warm replay of 10^6 entries about a tenth of its time
-- (docs/benchmarks.md, twenty-second and twenty-third rounds). claim_wording now holds the amendments only, revision 1
-- on. A revision 0 is deleted only where the claim's row holds the wording (V26 filled it for every claim), so that
-- no wording can be lost.
delete from claim_wording w where w.revision = 0 and exists (
    select 1 from claim_view c where c.claim_id = w.claim_id and c.statement is not null);

-- The shadow a replay rebuilds into holds rows only during a replay (none are expected here).
delete from replay.claim_wording w where w.revision = 0 and exists (
    select 1 from replay.claim_view c where c.claim_id = w.claim_id and c.statement is not null);
