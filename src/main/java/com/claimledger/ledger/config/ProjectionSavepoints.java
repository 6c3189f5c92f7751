package com.claimledger.ledger.config;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.annotation.Nonnull;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Each event a projection with a dead-letter queue handles runs inside a savepoint of the batch's transaction.
 * A handler that fails is undone alone, to its first statement, and the transaction stays usable for the dead letter
 * Axon then stores in it and for the rest of the batch. Without this, PostgreSQL refuses every later statement of the
 * transaction once one has failed ("current transaction is aborted"): the dead letter could not be stored and the
 * projection stalled, retrying the batch for ever; and on H2 a handler's statements before its failing one were kept
 * while the event went to the dead-letter queue, to be applied a second time on retry.
 */
@Component
public class ProjectionSavepoints implements HandlerEnhancerDefinition {

    private final DataSource dataSource;
    private final Environment environment;

    ProjectionSavepoints(DataSource dataSource, Environment environment) {
        this.dataSource = dataSource;
        this.environment = environment;
    }

    @Override
    public @Nonnull <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        ProcessingGroup group = original.declaringClass().getAnnotation(ProcessingGroup.class);
        boolean deadLettered = group != null && environment.getProperty(
                "axon.eventhandling.processors." + group.value() + ".dlq.enabled", Boolean.class, false);
        return deadLettered ? new Savepointed<>(original, dataSource) : original;
    }

    /**
     * The handler's savepoint, always by this name: a handler's savepoint is released or rolled back to before the
     * next one is set, and a savepoint set under a name in use replaces it. On H2 an unnamed savepoint is a statement
     * of its own each time ({@code SAVEPOINT SYSTEM_SAVEPOINT_<n>}), parsed anew and put in the connection's statement
     * cache, where it displaces the projections' own; a name is parsed once (docs/benchmarks.md, eighteenth round).
     */
    static final String SAVEPOINT = "projection_handler";

    /**
     * Bound to the thread (as a transaction resource) while {@link #inOneSavepoint} runs handlers: the savepoint it
     * holds covers theirs. An immutable marker, never changed.
     */
    private static final Object COVERED = new Object();

    /**
     * Runs {@code handlers} — one projection's handlers for one event — inside one savepoint of the transaction on
     * {@code connection}, {@code name}d, and sets none for each of them: a replay does this for every event a
     * dead-lettering projection handles, and the handlers' own savepoints would only repeat it, at the cost of two
     * statements an event (docs/benchmarks.md, nineteenth round). True if they ran through; false, with everything
     * they wrote rolled back to the savepoint, if one of them threw.
     */
    public static boolean inOneSavepoint(Connection connection, String name, Handlers handlers) throws SQLException {
        Savepoint savepoint = connection.setSavepoint(name);
        TransactionSynchronizationManager.bindResource(COVERED, Boolean.TRUE);
        try {
            handlers.run();
        } catch (Exception e) {
            connection.rollback(savepoint);
            return false;
        } finally {
            TransactionSynchronizationManager.unbindResource(COVERED);
        }
        connection.releaseSavepoint(savepoint);
        return true;
    }

    /** One projection's handlers for one event. */
    @FunctionalInterface
    public interface Handlers {
        void run() throws Exception;
    }

    private static final class Savepointed<T> extends WrappedMessageHandlingMember<T> {

        private final DataSource dataSource;

        private Savepointed(MessageHandlingMember<T> delegate, DataSource dataSource) {
            super(delegate);
            this.dataSource = dataSource;
        }

        @Override
        public Object handle(@Nonnull Message<?> message, T target) throws Exception {
            // The projections' SQL runs on the connection the transaction manager bound to the data source.
            if (!(TransactionSynchronizationManager.getResource(dataSource) instanceof ConnectionHolder holder)
                    || !TransactionSynchronizationManager.isActualTransactionActive()
                    || TransactionSynchronizationManager.hasResource(COVERED)) {
                return super.handle(message, target);
            }
            Connection connection = holder.getConnection();
            Savepoint savepoint = connection.setSavepoint(SAVEPOINT);
            Object result;
            try {
                result = super.handle(message, target);
            } catch (Exception | Error e) {
                connection.rollback(savepoint);
                throw e;
            }
            connection.releaseSavepoint(savepoint);
            return result;
        }
    }
}
