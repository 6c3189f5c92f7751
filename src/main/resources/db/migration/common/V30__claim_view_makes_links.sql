-- Whether a claim has made a link: disputed or corroborated another claim (at any time; a withdrawn dispute stays a
-- row of claim_dispute). A page of claims reads the links its claims made, and looked them up by by_claim_id for
-- every claim on the page, most of which made none: at 10^5 entries some 22% of a search's samples and 16% of a
-- current view's (docs/benchmarks.md, forty-third round). With the mark on the claim's own row, which the page reads
-- anyway, only the claims that made links are looked up (LinkMakers).
--
-- A link is an event of the other claim (the disputed or corroborated one), which the projection's segments may
-- handle before or while the maker's recording is handled: the mark cannot be set in the link's transaction without
-- finding no row yet, or locking a row of the other segment's. So the link's transaction writes a pending mark here,
-- keyed by the link's event (the other claim and its sequence number), and the mark is set on the maker's row and the
-- pending rows removed in one transaction of their own once the maker's row is there. Until then a reader takes the
-- makers named here as marked: every link is on its maker's row or here, in any state a reader can see.
alter table claim_view add column makes_links boolean default false not null;
update claim_view set makes_links = true
where claim_id in (select by_claim_id from claim_dispute union select by_claim_id from claim_corroboration);

create table claim_maker_pending (
    claim_id    varchar(100) not null,
    version     bigint       not null,
    by_claim_id varchar(100) not null,
    primary key (claim_id, version)
);

-- The shadow a replay rebuilds into keeps claim_view's shape (ReplaySchemaTest). A replay feeds the events in order
-- on one thread, the maker's recording always before its links: it marks the maker's row at once, with no pending row.
alter table replay.claim_view add column makes_links boolean default false not null;
