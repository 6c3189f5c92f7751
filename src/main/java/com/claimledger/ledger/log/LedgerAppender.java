package com.claimledger.ledger.log;

import com.claimledger.shared.LedgerException;
import com.claimledger.shared.Occurrence;
import com.claimledger.shared.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Locale;

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
        String aggregateId = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            claimAggregateId(domain);
        }
        jdbc.update("""
                insert into ledger_entry (sequence, event_id, type, aggregate_id, occurred_at, recorded_at, actor, payload)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                sequence, event.getIdentifier(), payload.getClass().getSimpleName(), aggregateId,
                Sql.utc(occurredAt), Sql.utc(event.getTimestamp()), String.valueOf(event.getMetaData().getOrDefault("actor", "system")),
                json.writeValueAsString(payload));
    }

    /**
     * Entities, articles and claims share one event store keyed by aggregate id, so an id must name one kind of
     * aggregate only: the first event of an aggregate claims its id, and any later event must be of the same kind.
     */
    private void claimAggregateId(DomainEventMessage<?> event) {
        String id = event.getAggregateIdentifier();
        if (event.getSequenceNumber() == 0) {
            if (jdbc.update("insert into ledger_aggregate (aggregate_id, aggregate_type) select ?, ? where not exists"
                    + " (select 1 from ledger_aggregate where aggregate_id = ?)", id, event.getType(), id) == 1) {
                return;
            }
        }
        String owner = jdbc.queryForObject("select aggregate_type from ledger_aggregate where aggregate_id = ?", String.class, id);
        if (!event.getType().equals(owner)) {
            throw LedgerException.conflict("the id '" + id + "' already names " + owner.toLowerCase(Locale.ROOT)
                    + " '" + id + "'; ids are unique across entities, articles and claims");
        }
    }
}
