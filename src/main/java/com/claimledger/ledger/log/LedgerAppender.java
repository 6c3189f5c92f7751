package com.claimledger.ledger.log;

import com.claimledger.ledger.integrity.EntryCanonicalizer;
import com.claimledger.ledger.integrity.MerkleTree;
import com.claimledger.ledger.projection.Sql;
import com.claimledger.ledger.write.WrittenEvents;
import com.claimledger.time.Occurrence;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;

/**
 * Appends every event to the ledger inside the transaction that stores it (a subscribing processor runs in the
 * publishing unit of work's prepare-commit phase), with its leaf hash and the tree nodes it completes. The sequence
 * comes from a single counter row that the transaction updates: concurrent writers, on one node or many sharing one
 * database, queue on that row lock, and a rolled-back write gives its number back, so the sequence stays dense.
 */
@Component
@ProcessingGroup(LedgerAppender.GROUP)
class LedgerAppender {

    static final String GROUP = "ledger";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;
    private final LedgerTree tree;

    LedgerAppender(NamedParameterJdbcTemplate jdbc, ObjectMapper json, LedgerTree tree) {
        this.jdbc = jdbc;
        this.json = json;
        this.tree = tree;
    }

    @EventHandler
    void append(EventMessage<?> event) throws JsonProcessingException {
        jdbc.update("update ledger_counter set next_sequence = next_sequence + 1 where id = 1", Map.of());
        Long sequence = jdbc.queryForObject("select next_sequence - 1 from ledger_counter where id = 1", Map.of(), Long.class);
        Object payload = event.getPayload();
        Instant occurredAt = payload instanceof Occurrence occurrence ? occurrence.occurredAt() : event.getTimestamp();
        Instant recordedAt = event.getTimestamp();
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        String type = payload.getClass().getSimpleName();
        String actor = String.valueOf(event.getMetaData().getOrDefault("actor", "system"));
        String body = json.writeValueAsString(payload);
        jdbc.update("""
                insert into ledger_entry (sequence, event_id, type, aggregate_id, occurred_at, recorded_at, actor, payload)
                values (:sequence, :eventId, :type, :aggregateId, :occurredAt, :recordedAt, :actor, :payload)""",
                new MapSqlParameterSource().addValue("sequence", sequence).addValue("eventId", event.getIdentifier())
                        .addValue("type", type).addValue("aggregateId", aggregateId)
                        .addValue("occurredAt", Sql.utc(occurredAt)).addValue("recordedAt", Sql.utc(recordedAt))
                        .addValue("actor", actor).addValue("payload", body));
        // Hashed exactly as /api/events serves the entry: the payload as read back from what was stored.
        tree.append(sequence, MerkleTree.leafHash(EntryCanonicalizer.entryBytes(sequence, type, aggregateId,
                occurredAt.toString(), recordedAt.toString(), actor, json.readTree(body))));
        WrittenEvents.appended(event.getIdentifier(), aggregateId);
    }
}
