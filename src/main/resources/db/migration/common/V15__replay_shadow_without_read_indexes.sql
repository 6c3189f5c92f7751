-- A replay writes every row of the shadow projections once and reads them back only by primary key (the handlers'
-- own lookups: a claim's wordings, words, disputes and reviews, an entity's names) and, for merges, by an entity's
-- canonical id. The indexes that serve the readers (narrative and ledger times, topic, subject, source, article, the
-- word index of the search) are never read in schema "replay": the switch moves rows into the projections of the
-- default schema, whose indexes stay. Maintaining them during the rebuild cost more than the rows themselves (stack
-- samples: the word index alone a third of a replay), so the shadows keep only the primary keys and the entity
-- indexes. ReplaySchemaTest names the indexes a shadow keeps.
drop index replay.idx_article_view_published;
drop index replay.idx_claim_view_occurred;
drop index replay.idx_claim_view_recorded;
drop index replay.idx_claim_view_article;
drop index replay.idx_claim_view_source;
drop index replay.idx_claim_view_topic;
drop index replay.idx_claim_subject_entity;
drop index replay.idx_claim_dispute_by;
drop index replay.idx_claim_corroboration_by;
drop index replay.idx_claim_word_word;
drop index replay.idx_dispute_occ;
drop index replay.idx_dispute_rec;
drop index replay.idx_dispute_w_occ;
drop index replay.idx_dispute_w_rec;
drop index replay.idx_corroboration_occ;
drop index replay.idx_corroboration_rec;
drop index replay.idx_wording_occ;
drop index replay.idx_wording_rec;
drop index replay.idx_retraction_occ;
drop index replay.idx_retraction_rec;
