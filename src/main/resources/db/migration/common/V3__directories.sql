-- The write side's lookup tables, kept inside the writing transaction by subscribing processors.
create table entity_directory (
    entity_id    varchar(100) primary key,
    canonical_id varchar(100) not null
);
create index idx_entity_directory_canonical on entity_directory (canonical_id);

create table entity_directory_name (
    name_key  varchar(200) primary key,
    entity_id varchar(100) not null
);

create table article_directory (
    article_id   varchar(100) primary key,
    published_at timestamp with time zone not null,
    text         varchar(1000000)
);

create table claim_directory (
    claim_id    varchar(100) primary key,
    asserted_at timestamp with time zone not null,
    retracted   boolean not null
);
