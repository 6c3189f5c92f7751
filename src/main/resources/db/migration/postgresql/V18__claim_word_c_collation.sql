-- Words compare by code point (collation "C"), as on H2. A search finds the words a term begins by an index range
-- between the term and its successor, seeking from one word to the next in index order (ClaimFilters); under a
-- language's collation neither the range nor the order is a prefix's, and V14's pattern index gives neither the
-- order nor, with a bound parameter, the range. Under "C" one B-tree index (V20) serves the prefix range, the word
-- order and each word's claims in page order; V14's pattern index is no longer read.
drop index idx_claim_word_pattern;
alter table claim_word alter column word type varchar(200) collate "C";
alter table replay.claim_word alter column word type varchar(200) collate "C";
