package com.claimledger.ledger.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One entry of the ledger, exactly as served and hashed: a dense {@code sequence} from 0, the event's type, the
 * aggregate it belongs to, both times, the actor who caused it, the event payload, and its RFC 9162 leaf hash
 * (SHA-256 of 0x00 and the RFC 8785 bytes of the seven other fields; lowercase hex).
 */
public record LedgerEntry(long sequence, String type, String aggregateId, Instant occurredAt, Instant recordedAt,
                          String actor, JsonNode payload, String leafHash) {
}
