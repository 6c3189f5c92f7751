-- The Merkle tree over the ledger (RFC 9162 section 2.1): the hash of every perfect, aligned subtree
-- (level L, position i covers the entries [i * 2^L, (i + 1) * 2^L)), level 0 being the leaf hashes. Each node is
-- stored by the append that completes it (sequence), in the transaction that stores the entry, so that the root of
-- any size and every proof cost O(log n) reads, and a verifier can stream the nodes in the order they were made.
create table ledger_node (
    level    integer     not null,
    position bigint      not null,
    sequence bigint      not null,
    hash     varchar(64) not null,
    primary key (level, position)
);
create index idx_ledger_node_sequence on ledger_node (sequence, level);
