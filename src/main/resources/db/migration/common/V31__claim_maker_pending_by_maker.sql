-- The sweep that marks the claims that made links (LinkMakers) removes a maker's pending marks by the maker's id, and
-- without an index each removal read every pending mark. While one segment of the claims projection lags the other
-- (a node catching up after a reset, a new node over a large ledger) thousands of marks wait for their makers' rows,
-- and a sweep after each batch of the projection removed hundreds of them, each removal a scan of all: catching up
-- 10^6 entries, the sweep's thread took as much of the machine as each of the projection's two threads
-- (docs/benchmarks.md, forty-fifth round).
create index claim_maker_pending_by on claim_maker_pending (by_claim_id);
