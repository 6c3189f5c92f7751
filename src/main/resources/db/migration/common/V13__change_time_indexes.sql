-- The narrative diff between two moments reads every kind of change whose time falls in (from, to]: each was a full
-- scan of its table (over a second for one day at 10^5 claims, docs/benchmarks.md). Each change table gets an index
-- on both of its times, so that a diff costs as much as the changes in its window.
create index idx_dispute_occ on claim_dispute (occurred_at);
create index idx_dispute_rec on claim_dispute (recorded_at);
create index idx_dispute_w_occ on claim_dispute (withdrawn_occurred_at);
create index idx_dispute_w_rec on claim_dispute (withdrawn_recorded_at);
create index idx_corroboration_occ on claim_corroboration (occurred_at);
create index idx_corroboration_rec on claim_corroboration (recorded_at);
create index idx_wording_occ on claim_wording (occurred_at);
create index idx_wording_rec on claim_wording (recorded_at);
create index idx_retraction_occ on claim_retraction (occurred_at);
create index idx_retraction_rec on claim_retraction (recorded_at);

-- The shadow a replay rebuilds into keeps the same shape (ReplaySchemaTest).
create index idx_dispute_occ on replay.claim_dispute (occurred_at);
create index idx_dispute_rec on replay.claim_dispute (recorded_at);
create index idx_dispute_w_occ on replay.claim_dispute (withdrawn_occurred_at);
create index idx_dispute_w_rec on replay.claim_dispute (withdrawn_recorded_at);
create index idx_corroboration_occ on replay.claim_corroboration (occurred_at);
create index idx_corroboration_rec on replay.claim_corroboration (recorded_at);
create index idx_wording_occ on replay.claim_wording (occurred_at);
create index idx_wording_rec on replay.claim_wording (recorded_at);
create index idx_retraction_occ on replay.claim_retraction (occurred_at);
create index idx_retraction_rec on replay.claim_retraction (recorded_at);
