package com.claimledger.ledger.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One entry of the ledger, exactly as served and (later) hashed: a dense {@code sequence} from 0, the event's type,
 * the aggregate it belongs to, both times, the actor who caused it, and the event payload.
 */
public record LedgerEntry(long sequence, String type, String aggregateId, Instant occurredAt, Instant recordedAt,
                          String actor, JsonNode payload) {
}
