package com.claimledger.ledger.log;

import com.claimledger.ledger.api.LedgerEntry;
import com.claimledger.ledger.api.LedgerQueries.CountEntries;
import com.claimledger.ledger.api.LedgerQueries.Entries;
import com.claimledger.ledger.api.LedgerQueries.EntriesOf;
import com.claimledger.ledger.api.LedgerQueries.ListEntries;
import com.claimledger.ledger.projection.Sql;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;

/** Reads the ledger in sequence order. */
@Component
class LedgerLog {

    private static final String SELECT = """
            select e.*, n.hash as leaf_hash from ledger_entry e
            left join ledger_node n on n.level = 0 and n.position = e.sequence""";

    private final NamedParameterJdbcTemplate jdbc;
    private final RowMapper<LedgerEntry> row;

    LedgerLog(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.row = (rs, n) -> {
            try {
                return new LedgerEntry(rs.getLong("sequence"), rs.getString("type"), rs.getString("aggregate_id"),
                        Sql.instant(rs, "occurred_at"), Sql.instant(rs, "recorded_at"), rs.getString("actor"),
                        json.readTree(rs.getString("payload")), rs.getString("leaf_hash"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("ledger entry " + rs.getLong("sequence") + " holds no JSON payload", e);
            }
        };
    }

    @QueryHandler
    Entries list(ListEntries query) {
        return new Entries(jdbc.query(SELECT + " where e.sequence > :after order by e.sequence limit :limit",
                Map.of("after", query.after() == null ? -1 : query.after(), "limit", query.limit()), row));
    }

    @QueryHandler
    Long count(CountEntries query) {
        return jdbc.queryForObject("select coalesce(max(sequence), -1) + 1 from ledger_entry", Map.of(), Long.class);
    }

    @QueryHandler
    Entries of(EntriesOf query) {
        return new Entries(jdbc.query(SELECT + " where e.aggregate_id = :id order by e.sequence",
                Map.of("id", query.aggregateId()), row));
    }
}
