package com.claimledger.ledger.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Recomputes every ledger entry from what is stored — the ledger table and Axon's event store — and compares it with
 * the stored leaf hashes and tree nodes, streaming both in sequence order in bounded memory (O(log n) hashes kept).
 * Finds, by its sequence: an edited ledger entry (its leaf no longer matches), an edited event in the event store
 * (it no longer matches its entry), a deleted entry (a gap), two swapped entries, a changed tree node, an event with
 * no entry. Plain JDBC, so that the running ledger and the offline {@code verify} command share it.
 */
public final class LedgerVerifier {

    private static final HexFormat HEX = HexFormat.of();
    private static final int FETCH = 1000;

    private static final String ENTRIES = """
            select e.sequence, e.type, e.aggregate_id, e.occurred_at, e.recorded_at, e.actor, e.payload,
                   d.event_identifier, d.payload_type, d.aggregate_identifier, d.time_stamp, d.meta_data,
                   d.payload as stored_payload
            from ledger_entry e left join domain_event_entry d on d.event_identifier = e.event_id
            order by e.sequence""";
    private static final String NODES = "select level, position, sequence, hash from ledger_node order by sequence, level";

    private final ObjectMapper json = new ObjectMapper();

    public Verification verify(Connection connection) throws SQLException {
        long size = count(connection, "select coalesce(max(sequence), -1) + 1 from ledger_entry");
        try (PreparedStatement entryQuery = connection.prepareStatement(ENTRIES);
             PreparedStatement nodeQuery = connection.prepareStatement(NODES)) {
            entryQuery.setFetchSize(FETCH);
            nodeQuery.setFetchSize(FETCH);
            try (ResultSet entries = entryQuery.executeQuery(); ResultSet nodes = nodeQuery.executeQuery()) {
                boolean node = nodes.next();
                CompactRange range = new CompactRange();
                long expected = 0;
                while (entries.next()) {
                    long sequence = entries.getLong("sequence");
                    if (sequence != expected) {
                        return Verification.tampered(size, expected, "entry " + expected + " is missing from the ledger");
                    }
                    String problem = againstStoredEvent(entries);
                    if (problem != null) {
                        return Verification.tampered(size, sequence, problem);
                    }
                    byte[] leaf;
                    try {
                        leaf = leafHashOf(entries, json);
                    } catch (IllegalArgumentException e) {
                        return Verification.tampered(size, sequence, "entry " + sequence + " is not a ledger entry: " + e.getMessage());
                    }
                    List<MerkleTree.Node> made = new ArrayList<>();
                    made.add(new MerkleTree.Node(0, sequence, leaf));
                    made.addAll(range.append(leaf));
                    for (MerkleTree.Node expectedNode : made) {
                        if (!node || nodes.getLong("sequence") != sequence) {
                            return Verification.tampered(size, sequence, "the tree nodes of entry " + sequence + " are missing");
                        }
                        if (nodes.getInt("level") != expectedNode.level() || nodes.getLong("position") != expectedNode.index()
                                || !Arrays.equals(HEX.parseHex(nodes.getString("hash")), expectedNode.hash())) {
                            return Verification.tampered(size, sequence, expectedNode.level() == 0
                                    ? "entry " + sequence + " does not hash to its recorded leaf hash"
                                    : "a tree node completed by entry " + sequence + " does not match the entries");
                        }
                        node = nodes.next();
                    }
                    expected++;
                }
                if (node) {
                    return Verification.tampered(size, nodes.getLong("sequence"), "tree nodes beyond the last entry");
                }
                long events = count(connection, "select count(*) from domain_event_entry");
                if (events != expected) {
                    return Verification.tampered(size, expected, "the event store holds " + events
                            + " events, the ledger " + expected + " entries");
                }
                return Verification.intact(expected, HEX.formatHex(range.root()));
            }
        }
    }

    /**
     * The leaf hash of a stored ledger entry (a row with the columns of {@code ledger_entry}): its canonical bytes
     * as /api/events serves it.
     */
    public static byte[] leafHashOf(ResultSet row, ObjectMapper json) throws SQLException {
        JsonNode payload;
        try {
            payload = json.readTree(row.getString("payload"));
        } catch (IOException e) {
            throw new IllegalArgumentException("its payload is not JSON");
        }
        return MerkleTree.leafHash(EntryCanonicalizer.entryBytes(row.getLong("sequence"), row.getString("type"),
                row.getString("aggregate_id"), instant(row, "occurred_at").toString(),
                instant(row, "recorded_at").toString(), row.getString("actor"), payload));
    }

    /** What differs between the entry and the event Axon stored for it, or null when they agree. */
    private String againstStoredEvent(ResultSet row) throws SQLException {
        long sequence = row.getLong("sequence");
        if (row.getString("event_identifier") == null) {
            return "the event of entry " + sequence + " is missing from the event store";
        }
        String payloadType = row.getString("payload_type");
        String storedType = payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
        JsonNode metaData = tree(bytes(row, "meta_data"));
        String storedActor = metaData.hasNonNull("actor") ? metaData.get("actor").asText() : "system";
        boolean same = storedType.equals(row.getString("type"))
                && Objects.equals(row.getString("aggregate_identifier"), row.getString("aggregate_id"))
                && storedTime(row.getString("time_stamp")).equals(instant(row, "recorded_at"))
                && storedActor.equals(row.getString("actor"))
                && tree(bytes(row, "stored_payload")).equals(tree(row.getString("payload")));
        return same ? null : "entry " + sequence + " does not match the event stored for it";
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static Instant storedTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String bytes(ResultSet row, String column) throws SQLException {
        byte[] value = row.getBytes(column);
        return value == null ? "null" : new String(value, StandardCharsets.UTF_8);
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
