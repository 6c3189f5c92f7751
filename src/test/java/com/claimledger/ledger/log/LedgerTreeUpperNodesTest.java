package com.claimledger.ledger.log;

import com.claimledger.ledger.integrity.MerkleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The tree's upper part is read from {@code ledger_node} once and then kept: a proof at 10^6 entries reads about as
 * many rows as one at 10^4 — only its nodes below {@link LedgerTree#KEPT_FROM_LEVEL} — and gives the same path.
 * Nodes read inside a transaction (an append's, which may yet roll back) are not kept.
 */
class LedgerTreeUpperNodesTest {

    /** The levels of the nodes read from the table, in order. */
    private final List<Integer> reads = new ArrayList<>();
    private final LedgerTree tree = new LedgerTree(table());

    @AfterEach
    void noTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void aProofReadsTheUpperNodesFromTheTableOnceThenOnlyThoseBelow() {
        long size = 1_003_410;
        List<String> first = path(tree, 123_457, size);
        List<Integer> firstReads = List.copyOf(reads);
        reads.clear();
        List<String> again = path(tree, 123_457, size);

        assertThat(again).as("the same path").isEqualTo(first);
        assertThat(firstReads).as("the first proof reads upper nodes too")
                .anyMatch(level -> level >= LedgerTree.KEPT_FROM_LEVEL);
        assertThat(reads).as("the second reads only nodes below the kept levels")
                .isNotEmpty().allMatch(level -> level < LedgerTree.KEPT_FROM_LEVEL);
        System.out.printf("inclusion proof at %,d entries: %d rows read the first time, %d after%n",
                size, firstReads.size(), reads.size());

        // Once proofs all over the ledger have been read, any entry's proof reads about as many rows as at 10^4.
        int atAMillion = rowsAProofReadsOnceWarm(tree, 876_543, size);
        int atTenThousand = rowsAProofReadsOnceWarm(new LedgerTree(table()), 1_234, 10_034);
        System.out.printf("rows a proof reads, the upper part kept: %d at %,d entries, %d at 10,034%n",
                atAMillion, size, atTenThousand);
        assertThat(atAMillion).as("rows read for a proof at 10^6 against %d at 10^4", atTenThousand)
                .isLessThanOrEqualTo(atTenThousand + 2);
    }

    @Test
    void nodesReadInsideATransactionAreNotKept() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        path(tree, 5, 4096);
        int inside = reads.size();
        reads.clear();
        path(tree, 5, 4096);
        assertThat(reads).as("read again: nothing was kept").hasSize(inside);

        TransactionSynchronizationManager.setActualTransactionActive(false);
        path(tree, 5, 4096);
        reads.clear();
        path(tree, 5, 4096);
        assertThat(reads).as("read outside a transaction: the upper nodes were kept").hasSizeLessThan(inside);
    }

    @Test
    void aKeptNodeCannotBeChangedThroughTheArrayItGave() {
        byte[] given = tree.node(10, 3);
        byte[] expected = given.clone();
        given[0] ^= 1;
        assertThat(tree.node(10, 3)).isEqualTo(expected);
        assertThat(reads).as("the second from memory").hasSize(1);
    }

    /** The rows {@code index}'s proof reads after the proofs of every 997th entry have been read. */
    private int rowsAProofReadsOnceWarm(LedgerTree tree, long index, long size) {
        for (long other = 0; other < size; other += 997) {
            path(tree, other, size);
        }
        reads.clear();
        path(tree, index, size);
        return reads.size();
    }

    private static List<String> path(LedgerTree tree, long index, long size) {
        return MerkleTree.inclusionPath(tree, index, size).stream().map(HexFormat.of()::formatHex).toList();
    }

    /** A table of every node, each hash derived from its level and position, that counts the reads by level. */
    private NamedParameterJdbcTemplate table() {
        NamedParameterJdbcTemplate jdbc = mock(NamedParameterJdbcTemplate.class);
        when(jdbc.queryForList(anyString(), anyMap(), eq(String.class))).thenAnswer(call -> {
            Map<String, ?> params = call.getArgument(1);
            int level = (Integer) params.get("level");
            long position = ((Number) params.get("position")).longValue();
            reads.add(level);
            byte[] hash = MerkleTree.leafHash((level + "/" + position).getBytes(StandardCharsets.UTF_8));
            return List.of(HexFormat.of().formatHex(hash));
        });
        return jdbc;
    }
}
