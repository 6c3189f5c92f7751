package com.claimledger.ledger.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants go to and come from the database as TIMESTAMP WITH TIME ZONE in UTC, the same on H2 and PostgreSQL. */
public final class Sql {

    private Sql() {
    }

    /**
     * The instant at offset UTC — as {@code instant.atOffset(ZoneOffset.UTC)}, without asking the offset for its rules:
     * {@code ZoneOffset.getRules()} makes new rules, with a map of their own, on every call, and every timestamp the
     * projections write passes here (50 MB of a warm replay of 10^5 entries; docs/benchmarks.md, forty-fifth round).
     */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.of(LocalDateTime.ofEpochSecond(instant.getEpochSecond(),
                instant.getNano(), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs, rs.findColumn(column));
    }

    /** The instant in column {@code column} (from 1) of the result. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
