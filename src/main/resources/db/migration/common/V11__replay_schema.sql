-- The shadow projections that a replay rebuilds into (ReplayService): the same tables, columns (in the same order)
-- and indexes as the projections of V4, V5 and V10, in schema "replay". A replay fills them in batches of events, each
-- batch its own transaction, while readers keep the complete projections in the default schema; once every event is
-- in, one transaction switches the rebuilt rows in. ReplaySchemaTest fails when a projection table changes here
-- but not there (or the reverse): a migration that changes a projection table changes its shadow too.
create schema replay;

create table replay.entity_view (
    entity_id    varchar(100) primary key,
    name         varchar(200) not null,
    sort_key     varchar(200) not null,
    kind         varchar(20)  not null,
    canonical_id varchar(100) not null
);
create index idx_entity_view_canonical on replay.entity_view (canonical_id);
create index idx_entity_view_sort on replay.entity_view (sort_key, entity_id);

create table replay.entity_name (
    entity_id varchar(100) not null,
    position  integer      not null,
    name      varchar(200) not null,
    name_key  varchar(200) not null,
    primary key (entity_id, position)
);
create index idx_entity_name_key on replay.entity_name (name_key);

create table replay.article_view (
    article_id   varchar(100)  primary key,
    url          varchar(2000) not null,
    title        varchar(500)  not null,
    outlet       varchar(200)  not null,
    published_at timestamp with time zone not null,
    author       varchar(200),
    language     varchar(35),
    text         varchar(1000000),
    published_precision varchar(10) default 'INSTANT' not null
);
create index idx_article_view_published on replay.article_view (published_at, article_id);

create table replay.claim_view (
    claim_id        varchar(100) primary key,
    article_id      varchar(100) not null,
    attributed_to   varchar(100) not null,
    topic           varchar(100),
    event_time_from date,
    event_time_to   date,
    event_time_text varchar(200),
    occurred_at     timestamp with time zone not null,
    recorded_at     timestamp with time zone not null,
    version         bigint not null
);
create index idx_claim_view_occurred on replay.claim_view (occurred_at, claim_id);
create index idx_claim_view_recorded on replay.claim_view (recorded_at);
create index idx_claim_view_article on replay.claim_view (article_id);
create index idx_claim_view_source on replay.claim_view (attributed_to);

create table replay.claim_subject (
    claim_id  varchar(100) not null,
    position  integer      not null,
    entity_id varchar(100) not null,
    primary key (claim_id, position)
);
create index idx_claim_subject_entity on replay.claim_subject (entity_id);

-- Revision 0 is the wording as recorded; each amendment adds the next revision.
create table replay.claim_wording (
    claim_id    varchar(100)  not null,
    revision    integer       not null,
    statement   varchar(4000) not null,
    quote       varchar(4000),
    reason      varchar(4000),
    search_text varchar(8200) not null,
    occurred_at timestamp with time zone not null,
    recorded_at timestamp with time zone not null,
    primary key (claim_id, revision)
);

-- A pair may be disputed again after a withdrawal: each dispute of the pair is a round.
create table replay.claim_dispute (
    claim_id              varchar(100) not null,
    by_claim_id           varchar(100) not null,
    round                 integer      not null,
    reason                varchar(4000),
    occurred_at           timestamp with time zone not null,
    recorded_at           timestamp with time zone not null,
    withdrawal_reason     varchar(4000),
    withdrawn_occurred_at timestamp with time zone,
    withdrawn_recorded_at timestamp with time zone,
    primary key (claim_id, by_claim_id, round)
);
create index idx_claim_dispute_by on replay.claim_dispute (by_claim_id);

create table replay.claim_corroboration (
    claim_id    varchar(100) not null,
    by_claim_id varchar(100) not null,
    note        varchar(4000),
    occurred_at timestamp with time zone not null,
    recorded_at timestamp with time zone not null,
    primary key (claim_id, by_claim_id)
);
create index idx_claim_corroboration_by on replay.claim_corroboration (by_claim_id);

create table replay.claim_retraction (
    claim_id     varchar(100) primary key,
    reason       varchar(4000) not null,
    retracted_by varchar(100)  not null,
    occurred_at  timestamp with time zone not null,
    recorded_at  timestamp with time zone not null
);

create table replay.claim_review (
    claim_id    varchar(100)  not null,
    review_no   integer       not null,
    rating      varchar(20)   not null,
    explanation varchar(4000) not null,
    reviewer    varchar(200),
    occurred_at timestamp with time zone not null,
    recorded_at timestamp with time zone not null,
    primary key (claim_id, review_no)
);

create table replay.claim_word (
    claim_id varchar(100) not null,
    word     varchar(200) not null,
    primary key (claim_id, word)
);
create index idx_claim_word_word on replay.claim_word (word, claim_id);
