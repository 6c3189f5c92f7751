package com.claimledger.ledger.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSetMetaData;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A canonical dump of projection tables: every row of every table in primary-key order, every column in table order,
 * hashed with SHA-256. Two projections built from the same ledger have the same digest.
 */
public final class ProjectionDigest {

    /** One projection's contribution to {@code GET /api/views/checksum}. */
    public record Part(String projection, String sha256) {
    }

    /** Asked of every projection at once (scatter-gather); each answers with its {@link Part}. */
    public record Ask() {
    }

    /** A table and the columns that order its rows uniquely. */
    public record Table(String name, String orderBy) {
    }

    private ProjectionDigest() {
    }

    public static Part of(String projection, JdbcTemplate jdbc, List<Table> tables) {
        MessageDigest digest = sha256();
        for (Table table : tables) {
            digest.update(("table " + table.name() + "\n").getBytes(StandardCharsets.UTF_8));
            jdbc.query("select * from " + table.name() + " order by " + table.orderBy(), rs -> {
                ResultSetMetaData meta = rs.getMetaData();
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.append(i > 1 ? "\u001f" : "").append(value == null ? "\u2400" : value.toString());
                }
                digest.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            });
        }
        return new Part(projection, HexFormat.of().formatHex(digest.digest()));
    }

    public static String combine(List<Part> parts) {
        MessageDigest digest = sha256();
        parts.stream().sorted(Comparator.comparing(Part::projection))
                .forEach(part -> digest.update((part.projection() + " " + part.sha256() + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
