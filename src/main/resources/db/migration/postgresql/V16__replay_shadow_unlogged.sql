-- The shadow projections hold nothing that is not in the ledger: a replay empties them first and a crash during one
-- leaves the previous projections in place (the switch is one transaction into the logged tables of schema public).
-- Unlogged, their rows skip the write-ahead log — a rebuild no longer writes every row twice — and PostgreSQL empties
-- them after a crash, which is what a replay does first anyway. The pattern index of V14 is a reader's index (V15).
drop index replay.idx_claim_word_pattern;
alter table replay.article_view set unlogged;
alter table replay.claim_corroboration set unlogged;
alter table replay.claim_dispute set unlogged;
alter table replay.claim_retraction set unlogged;
alter table replay.claim_review set unlogged;
alter table replay.claim_subject set unlogged;
alter table replay.claim_view set unlogged;
alter table replay.claim_word set unlogged;
alter table replay.claim_wording set unlogged;
alter table replay.entity_name set unlogged;
alter table replay.entity_view set unlogged;
