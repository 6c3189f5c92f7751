package com.claimledger.ledger.config;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;

/**
 * The query bus's transactions: a query's statements share one connection in a plain JDBC transaction. Axon's
 * auto-configuration gives the query bus the application's transaction manager, a {@code JpaTransactionManager}, so
 * that every query opened and closed a Hibernate session that nothing used — every query handler here reads with
 * JDBC (the projections' own tables; the event store and the tokens, which use JPA, are never read by a query). At
 * 10^6 entries Hibernate's session and Spring's JPA transaction code were most of what Axon took of a read's CPU
 * (docs/benchmarks.md, thirty-fourth round).
 * <p>
 * A query asked while a transaction is already under way — another query's, as when a claim's assembly resolves its
 * entities, or a write's — joins it: its statements run on that transaction's connection and see its writes, and its
 * end neither commits nor rolls back what it joined (a failed read leaves the caller's transaction to the caller).
 * A query handler that used JPA inside a query's JDBC transaction would be refused by Spring ("Pre-bound JDBC
 * Connection found"): such a handler needs its own transaction manager, not this one.
 */
final class QueryTransactions implements TransactionManager {

    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    private final TransactionManager jdbc;

    QueryTransactions(DataSource dataSource) {
        this.jdbc = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public Transaction startTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive() ? JOINED : jdbc.startTransaction();
    }
}
