package com.claimledger.ledger.config;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMemberDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiHandlerDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dead-lettering projection's handler runs in a savepoint of its own, undone alone when it fails; inside
 * {@link ProjectionSavepoints#inOneSavepoint} (a replay's, around one projection's handlers for an event) it sets none,
 * and the one savepoint undoes everything they wrote.
 */
class ProjectionSavepointsTest {

    record Noted(String note) {
    }

    @ProcessingGroup("probe")
    static final class Probe {
        private final JdbcTemplate jdbc;

        Probe(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(Noted noted) {
            jdbc.update("insert into noted (note) values (?)", noted.note());
            if (noted.note().startsWith("poison")) {
                throw new IllegalStateException("a handler that fails after writing");
            }
        }
    }

    private final List<String> savepoints = new ArrayList<>();
    private Connection h2;
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private AnnotationEventHandlerAdapter projection;

    @BeforeEach
    void projection() throws Exception {
        h2 = DriverManager.getConnection("jdbc:h2:mem:savepoints;DB_CLOSE_DELAY=-1", "sa", "");
        // The connection, telling which savepoints are set on it.
        Connection counted = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setSavepoint")) {
                        savepoints.add(args == null ? "(unnamed)" : (String) args[0]);
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        dataSource = new SingleConnectionDataSource(counted, true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table noted (note varchar(100))");
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ProjectionSavepoints enhancer = new ProjectionSavepoints(dataSource,
                new MockEnvironment().withProperty("axon.eventhandling.processors.probe.dlq.enabled", "true"));
        projection = new AnnotationEventHandlerAdapter(new Probe(jdbc), ClasspathParameterResolverFactory.forClass(Probe.class),
                MultiHandlerDefinition.ordered(List.of(new AnnotatedMessageHandlingMemberDefinition()), enhancer));
    }

    @AfterEach
    void close() throws Exception {
        jdbc.execute("drop all objects");
        h2.close();
    }

    @Test
    void aHandlerRunsInASavepointOfItsOwnAndAFailingOneIsUndoneAlone() {
        transaction.executeWithoutResult(status -> {
            handle("first");
            assertThatThrownBy(() -> handle("poison")).hasRootCauseMessage("a handler that fails after writing");
            handle("third");
        });

        assertThat(savepoints).containsExactly("projection_handler", "projection_handler", "projection_handler");
        assertThat(notes()).containsExactlyInAnyOrder("first", "third");
    }

    @Test
    void insideOneSavepointTheHandlersSetNoneOfTheirOwnAndAFailureUndoesWhatTheyWrote() {
        List<Boolean> ran = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            ran.add(inOneSavepoint("first"));
            ran.add(inOneSavepoint("poison"));
            ran.add(inOneSavepoint("third"));
            // Outside it, a handler sets its own again.
            handle("fourth");
        });

        assertThat(ran).containsExactly(true, false, true);
        assertThat(savepoints).containsExactly("replay_event", "replay_event", "replay_event", "projection_handler");
        assertThat(notes()).containsExactlyInAnyOrder("first", "third", "fourth");
    }

    private boolean inOneSavepoint(String note) {
        try {
            return ProjectionSavepoints.inOneSavepoint(DataSourceUtils.getConnection(dataSource), "replay_event",
                    () -> projection.handle(GenericEventMessage.asEventMessage(new Noted(note))));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(String note) {
        try {
            projection.handle(GenericEventMessage.asEventMessage(new Noted(note)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> notes() {
        return jdbc.queryForList("select note from noted order by note", String.class);
    }
}
