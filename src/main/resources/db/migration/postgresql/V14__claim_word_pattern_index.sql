-- A word search is a prefix range over claim_word.word (`word like 'amir%'`). PostgreSQL plans such a LIKE from a
-- B-tree index only under the C collation, or from an index with the pattern operator class: databases created with
-- a language's collation (en_US.UTF-8, ICU) would read the whole table for every search. H2 needs no such index.
create index idx_claim_word_pattern on claim_word (word varchar_pattern_ops, claim_id);
-- The replay schema's twin keeps the same indexes as the table it stands in for (V11).
create index idx_claim_word_pattern on replay.claim_word (word varchar_pattern_ops, claim_id);
