-- A list that walks the claims in page order (the current view by topic, or of the whole ledger) asks of each claim
-- only its id, narrative time and, as of a moment on the recorded axis, its recorded time. Without that last column
-- in the index, the database read each candidate's claim_view row to test it: at 10^6 claims a page of the file
-- decoded per claim, most of a current view's allocation on the recorded axis (docs/benchmarks.md, seventh round).
-- With it, the walk reads the index alone on both axes. The shadows of a replay keep no read index (V15).
drop index idx_claim_view_topic;
create index idx_claim_view_topic on claim_view (topic_key, occurred_at, claim_id, recorded_at);
drop index idx_claim_view_occurred;
create index idx_claim_view_occurred on claim_view (occurred_at, claim_id, recorded_at);
