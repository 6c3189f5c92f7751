package com.claimledger.ledger.config;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates each projection's segments in the token store before its processor starts, once for all nodes. Axon's
 * pooled processor creates them itself at start, inside a transaction that a concurrent creation by another node
 * (several nodes starting together on one database) marks rollback-only: that node then failed to start. Here each
 * attempt is its own transaction; the loser of the race finds the winner's segments on its next attempt.
 */
@Component
class ProjectionSegments implements ConfigurerModule {

    private static final Logger log = LoggerFactory.getLogger(ProjectionSegments.class);
    private static final int ATTEMPTS = 5;

    private final Environment environment;

    ProjectionSegments(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void configureModule(org.axonframework.config.Configurer configurer) {
        configurer.onInitialize(config -> config.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1, () -> create(config)));
    }

    private void create(Configuration config) {
        TokenStore tokens = config.getComponent(TokenStore.class);
        TransactionManager transactions = config.getComponent(TransactionManager.class);
        EventStore events = config.eventStore();
        config.eventProcessingConfiguration().eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .forEach(processor -> {
                    Integer count = environment.getProperty(
                            "axon.eventhandling.processors." + processor.getName() + ".initial-segment-count", Integer.class);
                    if (count != null) {
                        create(processor.getName(), count, tokens, transactions, events);
                    }
                });
    }

    private static void create(String processor, int count, TokenStore tokens, TransactionManager transactions,
                               EventStore events) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeInTransaction(() -> {
                    if (tokens.fetchSegments(processor).length == 0) {
                        // From the start of the ledger, as the processor itself would begin (its tail token).
                        TrackingToken tail = events.createTailToken();
                        tokens.initializeTokenSegments(processor, count, tail);
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.debug("segments of {} were being created by another node ({}); looking again", processor, e.toString());
            }
        }
    }
}
