-- The topic filter compared lower(topic) row by row, walking every claim in narrative order until a page was full:
-- at 10^5 claims and hundreds of topics a current view by topic took over a second (docs/benchmarks.md). The claims
-- projection now keeps lower(topic) in a column of its own, indexed with the narrative order, so a topic's claims
-- are one index range already in the order a page is read in. (H2 has no index on an expression.)
alter table claim_view add column topic_key varchar(100);
update claim_view set topic_key = lower(topic);
create index idx_claim_view_topic on claim_view (topic_key, occurred_at, claim_id);

-- The shadow a replay rebuilds into keeps the same shape (ReplaySchemaTest).
alter table replay.claim_view add column topic_key varchar(100);
create index idx_claim_view_topic on replay.claim_view (topic_key, occurred_at, claim_id);
