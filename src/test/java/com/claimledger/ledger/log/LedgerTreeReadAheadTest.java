package com.claimledger.ledger.log;

import com.claimledger.ledger.integrity.InMemoryTreeNodes;
import com.claimledger.ledger.integrity.MerkleTree;
import com.claimledger.ledger.integrity.TreeNodes;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A root, an inclusion path or a consistency path over the stored tree asks the database one statement for all the
 * nodes it reads ({@link LedgerTree#readAhead}), and gives what reading node by node gives: the RFC 9162 hashes of an
 * in-memory tree of the same leaves.
 */
class LedgerTreeReadAheadTest {

    private static final int ENTRIES = 5_000;

    private final AtomicInteger statements = new AtomicInteger();
    private final InMemoryTreeNodes reference = new InMemoryTreeNodes();
    private LedgerTree tree;

    @BeforeEach
    void aStoredTreeOfFiveThousandEntries() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(counting(h2));
        jdbc.getJdbcTemplate().execute("create table ledger_node (level integer not null, position bigint not null, "
                + "sequence bigint not null, hash varchar(64) not null, primary key (level, position))");
        jdbc.getJdbcTemplate().execute("create index idx_ledger_node_sequence on ledger_node (sequence, level)");
        tree = new LedgerTree(jdbc);
        for (long sequence = 0; sequence < ENTRIES; sequence++) {
            byte[] leaf = MerkleTree.leafHash(("entry " + sequence).getBytes(StandardCharsets.UTF_8));
            tree.append(sequence, leaf);
            reference.append(leaf);
        }
        statements.set(0);
    }

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void anInclusionPathReadsItsNodesInOneStatementAndIsTheRfcPath() {
        for (long size : List.of(1L, 2L, 3L, 255L, 256L, 257L, 1_000L, 4_096L, 4_097L, 5_000L)) {
            for (long index : List.of(0L, size / 3, size / 2, size - 2, size - 1)) {
                if (index < 0) {
                    continue;
                }
                List<String> path = once(read -> hex(MerkleTree.inclusionPath(read, index, size)));
                assertThat(path).as("path of %d in %d", index, size)
                        .isEqualTo(hex(MerkleTree.inclusionPath(reference, index, size)));
            }
        }
    }

    @Test
    void aRootAndAConsistencyPathReadTheirNodesInOneStatement() {
        for (long size : List.of(1L, 7L, 256L, 3_333L, 4_096L, 5_000L)) {
            String root = once(read -> HexFormat.of().formatHex(MerkleTree.root(read, size)));
            assertThat(root).as("root of %d", size)
                    .isEqualTo(HexFormat.of().formatHex(MerkleTree.root(reference, size)));
            for (long from : List.of(1L, size / 2, size - 1)) {
                if (from < 1) {
                    continue;
                }
                List<String> path = once(read -> hex(MerkleTree.consistencyPath(read, from, size)));
                assertThat(path).as("consistency from %d to %d", from, size)
                        .isEqualTo(hex(MerkleTree.consistencyPath(reference, from, size)));
            }
        }
    }

    @Test
    void manyPathsAtOnceStillOneStatement() {
        List<Long> entries = List.of(3L, 700L, 2_500L, 4_999L);
        statements.set(0);
        TreeNodes nodes = tree.readAhead(read -> entries.forEach(index -> MerkleTree.inclusionPath(read, index, ENTRIES)));
        for (long index : entries) {
            assertThat(hex(MerkleTree.inclusionPath(nodes, index, ENTRIES)))
                    .isEqualTo(hex(MerkleTree.inclusionPath(reference, index, ENTRIES)));
        }
        assertThat(statements).as("statements for four proofs").hasValue(1);
    }

    @Test
    void aNodeNotStoredIsStillReportedAsNotStored() {
        assertThatThrownBy(() -> once(read -> MerkleTree.root(read, ENTRIES + 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not stored");
    }

    @Test
    void upperNodesReadAheadInsideATransactionAreNotKept() {
        // The root of 4,096 entries is one node of level 12, above the kept levels.
        TransactionSynchronizationManager.setActualTransactionActive(true);
        MerkleTree.root(tree.readAhead(read -> MerkleTree.root(read, 4_096)), 4_096);
        MerkleTree.root(tree.readAhead(read -> MerkleTree.root(read, 4_096)), 4_096);
        assertThat(statements).as("read twice inside a transaction: not kept").hasValue(2);

        TransactionSynchronizationManager.setActualTransactionActive(false);
        statements.set(0);
        MerkleTree.root(tree.readAhead(read -> MerkleTree.root(read, 4_096)), 4_096);
        MerkleTree.root(tree.readAhead(read -> MerkleTree.root(read, 4_096)), 4_096);
        assertThat(statements).as("read outside a transaction: kept after the first").hasValue(1);
    }

    /** {@code computation} over the nodes read ahead for it; asserts it asked at most one statement. */
    private <T> T once(Function<TreeNodes, T> computation) {
        statements.set(0);
        TreeNodes nodes = tree.readAhead(computation::apply);
        int reading = statements.get();
        T result = computation.apply(nodes);
        assertThat(reading).as("statements reading ahead").isLessThanOrEqualTo(1);
        assertThat(statements).as("statements computing from what was read").hasValue(reading);
        return result;
    }

    private static List<String> hex(List<byte[]> hashes) {
        List<String> hex = new ArrayList<>();
        hashes.forEach(hash -> hex.add(HexFormat.of().formatHex(hash)));
        return hex;
    }

    /** The data source, with every statement prepared on its connections counted. */
    private DataSource counting(DataSource target) {
        return new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")) {
                                statements.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}
