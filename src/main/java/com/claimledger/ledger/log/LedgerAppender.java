package com.claimledger.ledger.log;

import com.claimledger.ledger.write.WrittenEvents;
import com.claimledger.time.Occurrence;
import com.claimledger.ledger.projection.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Appends every event to the ledger inside the transaction that stores it (a subscribing processor runs in the
 * publishing unit of work's prepare-commit phase). The sequence comes from a single counter row that the
 * transaction updates: concurrent writers, on one node or many sharing one database, queue on that row lock, and a
 * rolled-back write gives its number back, so the sequence stays dense.
 */
@Component
@ProcessingGroup(LedgerAppender.GROUP)
class LedgerAppender {

    static final String GROUP = "ledger";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    LedgerAppender(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void append(EventMessage<?> event) throws JsonProcessingException {
        jdbc.update("update ledger_counter set next_sequence = next_sequence + 1 where id = 1");
        Long sequence = jdbc.queryForObject("select next_sequence - 1 from ledger_counter where id = 1", Long.class);
        Object payload = event.getPayload();
        Instant occurredAt = payload instanceof Occurrence occurrence ? occurrence.occurredAt() : event.getTimestamp();
        String aggregateId = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        jdbc.update("""
                insert into ledger_entry (sequence, event_id, type, aggregate_id, occurred_at, recorded_at, actor, payload)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                sequence, event.getIdentifier(), payload.getClass().getSimpleName(), aggregateId,
                Sql.utc(occurredAt), Sql.utc(event.getTimestamp()), String.valueOf(event.getMetaData().getOrDefault("actor", "system")),
                json.writeValueAsString(payload));
        WrittenEvents.appended(event.getIdentifier(), aggregateId);
    }

}
