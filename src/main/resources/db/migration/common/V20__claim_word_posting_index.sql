-- After V19 filled every word row's narrative time (V17): required from now on, and the index a search reads in
-- page order, for each word its claims by narrative time and id.
alter table claim_word alter column occurred_at set not null;
create index idx_claim_word_posting on claim_word (word, occurred_at, claim_id);
