-- Every wording kept its text as names compare (search_text) for a LIKE per search term: as many bytes again as its
-- statement and quote, decoded with every wording row any read of a claim touches (at 10^5-10^6 claims most of
-- those rows come from the file: a third of a current view's allocation went to wording rows, docs/benchmarks.md,
-- seventh round). The word index already says which claims hold a term; the reader checks the wording as of t of
-- the few claims ever amended (ClaimFilters.wordedAsOf). The shadow a replay rebuilds into keeps the same shape.
alter table claim_wording drop column search_text;
alter table replay.claim_wording drop column search_text;
