-- Full-text search by words: every distinct word of a claim's wordings (statement and quote, every revision), as
-- names compare (trimmed, NFKC, lower case): each whitespace-separated word, and each run of letters and digits
-- within one. A search starts from the claims whose words begin with a term (an index range, as large as the
-- matches) instead of reading every wording of the ledger.
create table claim_word (
    claim_id varchar(100) not null,
    word     varchar(200) not null,
    primary key (claim_id, word)
);
create index idx_claim_word_word on claim_word (word, claim_id);

-- A ledger recorded before this table: the claims projection rebuilds from the first event, so that every claim
-- gets its words (the node reports itself ready once it has caught up).
delete from claim_review;
delete from claim_retraction;
delete from claim_corroboration;
delete from claim_dispute;
delete from claim_wording;
delete from claim_subject;
delete from claim_view;
delete from dead_letter_entry where processing_group = 'claims';
delete from token_entry where processor_name = 'claims';
