-- A projection's generation: a number that changes, in the same transaction, with every change to rows of the
-- projection that a node keeps in memory, and at every replay's switch (ProjectionGeneration). A node that keeps such
-- rows asks for this number, one primary-key lookup, instead of reading the rows again, and forgets what it kept when
-- the number differs — whichever node made the change. The entity projection's references (an entity's canonical
-- entity and its name, read for every claim a page shows) are the first: at 10^6 entries resolving a page's 80-130
-- entities was 15-32% of the database's work for a search or a current view (docs/benchmarks.md, forty-first round).
create table projection_generation (
    projection  varchar(64) primary key,
    generation  bigint not null
);
insert into projection_generation (projection, generation) values ('entities', 0);
