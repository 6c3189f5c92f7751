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

    private final NamedParameterJdbcTemplate jdbc;
    private final RowMapper<LedgerEntry> row;

    LedgerLog(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.row = (rs, n) -> {
            try {
                return new LedgerEntry(rs.getLong("sequence"), rs.getString("type"), rs.getString("aggregate_id"),
                        Sql.instant(rs, "occurred_at"), Sql.instant(rs, "recorded_at"), rs.getString("actor"),
                        json.readTree(rs.getString("payload")));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("ledger entry " + rs.getLong("sequence") + " holds no JSON payload", e);
            }
        };
    }

    @QueryHandler
    Entries list(ListEntries query) {
        return new Entries(jdbc.query("select * from ledger_entry where sequence > :after order by sequence limit :limit",
                Map.of("after", query.after() == null ? -1 : query.after(), "limit", query.limit()), row));
    }

    @QueryHandler
    Long count(CountEntries query) {
        return jdbc.queryForObject("select count(*) from ledger_entry", Map.of(), Long.class);
    }

    @QueryHandler
    Entries of(EntriesOf query) {
        return new Entries(jdbc.query("select * from ledger_entry where aggregate_id = :id order by sequence",
                Map.of("id", query.aggregateId()), row));
    }
}
