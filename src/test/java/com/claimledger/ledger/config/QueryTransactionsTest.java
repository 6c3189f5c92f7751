package com.claimledger.ledger.config;

import com.claimledger.support.ApiTest;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A query runs in a JDBC transaction of its own, with no Hibernate session ({@link QueryTransactions}); a query asked
 * inside another query, or inside a write's transaction, joins that transaction's connection, and its end neither
 * commits the write's work nor marks it for rollback.
 */
class QueryTransactionsTest extends ApiTest {

    /** What a probe query's handler saw of the transaction it ran in. */
    record Seen(boolean transaction, boolean hibernateSession, Object connection) {
    }

    @Autowired
    QueryBus queryBus;
    @Autowired
    QueryGateway queries;
    @Autowired
    DataSource dataSource;
    @Autowired
    EntityManagerFactory entityManagerFactory;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcTemplate jdbc;

    private final List<Registration> probes = new ArrayList<>();
    private final List<Seen> seen = new ArrayList<>();

    @AfterEach
    void unsubscribe() {
        probes.forEach(Registration::cancel);
    }

    /** What a probe answers, after noting what it saw. */
    interface Answer {
        String give() throws Exception;
    }

    private void probe(String name, Answer then) {
        MessageHandler<QueryMessage<?, String>> handler = message -> {
            ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
            seen.add(new Seen(TransactionSynchronizationManager.isActualTransactionActive(),
                    TransactionSynchronizationManager.hasResource(entityManagerFactory),
                    holder == null ? null : holder.getConnection()));
            return then.give();
        };
        probes.add(queryBus.subscribe(name, String.class, handler));
    }

    private String ask(String name) {
        return queries.query(name, "?", ResponseTypes.instanceOf(String.class)).join();
    }

    @Test
    void aQueryRunsInAJdbcTransactionWithoutAHibernateSession() {
        probe("probe-plain", () -> "answered");

        assertThat(ask("probe-plain")).isEqualTo("answered");

        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.transaction()).isTrue();
            assertThat(s.connection()).isNotNull();
            assertThat(s.hibernateSession()).isFalse();
        });
        assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
        assertThat(TransactionSynchronizationManager.hasResource(dataSource)).isFalse();
    }

    @Test
    void aQueryInsideAQueryJoinsItsConnection() {
        probe("probe-inner", () -> "inner");
        probe("probe-outer", () -> ask("probe-inner"));

        assertThat(ask("probe-outer")).isEqualTo("inner");

        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).connection()).isNotNull().isSameAs(seen.get(0).connection());
        assertThat(seen.get(1).hibernateSession()).isFalse();
    }

    @Test
    void aQueryInsideAWriteTransactionJoinsItAndNeitherCommitsNorDoomsIt() {
        probe("probe-joined", () -> "joined");
        probe("probe-failing", () -> {
            throw new IllegalStateException("this read fails");
        });
        List<Object> writeConnection = new ArrayList<>();
        String row = UUID.randomUUID().toString();
        jdbc.execute("create table if not exists query_transactions_probe (id varchar(64))");
        try {
            TransactionTemplate write = new TransactionTemplate(transactionManager);
            write.executeWithoutResult(status -> {
                writeConnection.add(((ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource))
                        .getConnection());
                jdbc.update("insert into query_transactions_probe (id) values (?)", row);
                assertThat(ask("probe-joined")).isEqualTo("joined");
                assertThatThrownBy(() -> ask("probe-failing")).isInstanceOf(CompletionException.class);
                assertThat(status.isRollbackOnly()).isFalse();
                status.setRollbackOnly();
            });

            // The query's end committed nothing of the write it joined: the write's rollback took its row back.
            assertThat(jdbc.queryForObject("select count(*) from query_transactions_probe where id = ?", Long.class, row))
                    .isZero();
            assertThat(seen).hasSize(2).allSatisfy(s -> {
                assertThat(s.connection()).isSameAs(writeConnection.get(0));
                assertThat(s.hibernateSession()).isTrue();
            });
        } finally {
            jdbc.execute("drop table if exists query_transactions_probe");
        }
    }
}
