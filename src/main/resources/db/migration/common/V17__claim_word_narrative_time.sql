-- Search in page order. A search's page is the first claims in narrative time (occurred_at, then id) whose words
-- begin with a term; the word index (word, claim_id) gave every claim with the word, in id order, which the reader
-- then put in page order or tested one by one — a cost that grew with the claims matching (issue 9: at 10^5 claims
-- two thirds of a search went to testing candidates). Each word row now carries its claim's narrative time (a claim's
-- occurred_at never changes), and V20 indexes (word, occurred_at, claim_id): for each word a term begins, the claims
-- in page order are an index range as long as the page.
--
-- In three steps so that a large ledger upgrades in batches, never in one transaction of every word row: this one
-- adds the column, V19 (ClaimWordNarrativeTime, a Java migration) fills it claim by claim range, a transaction a
-- batch, and V20 makes it required and builds the index once the rows are filled (maintaining it during the fill
-- would cost more than the fill).
alter table claim_word add column occurred_at timestamp with time zone;
drop index idx_claim_word_word;

-- The shadow holds only a replay's scratch rows (a replay empties it first): emptied, it takes the column as it
-- will stand after V20.
truncate table replay.claim_word;
alter table replay.claim_word add column occurred_at timestamp with time zone not null;
