package com.claimledger.ledger.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import org.axonframework.eventhandling.async.SequentialPolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * How Axon runs here: every event carries the actor who caused it, times are kept to the millisecond, projections
 * are pooled streaming processors with persisted tokens (the write side's directories and the ledger itself are
 * subscribing, configured in application.yml), and no handler failure is ever swallowed.
 */
@Configuration
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
public class LedgerConfiguration {

    public static final String ACTOR = "actor";

    /**
     * The application's reading of an instant from JSON (the stored events' format, and the API's input, whose mapper
     * is a copy): Jackson's, with the plainest ISO text read from its digits ({@link StoredInstants}). Spring Boot
     * registers it after Jackson's own module of {@code java.time}, so that it takes the instants.
     */
    @Bean
    com.fasterxml.jackson.databind.Module storedInstants() {
        return new com.fasterxml.jackson.databind.module.SimpleModule("ledger-instants")
                .addDeserializer(java.time.Instant.class, new StoredInstants());
    }

    /**
     * The JPA event store as Axon's auto-configuration would build it (which steps aside once the bus is ours), letting
     * go of stored entries once flushed ({@link DetachingJpaEventStorageEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver exceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          EntityManagerProvider entityManagerProvider,
                                          TransactionManager transactionManager, java.time.Clock clock) {
        JpaEventStorageEngine.Builder builder = JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(exceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager);
        return new DetachingJpaEventStorageEngine(builder, entityManagerProvider, transactionManager, clock);
    }

    /**
     * Streaming processors are woken when a unit of work commits, but a write here commits its database transaction
     * after its units of work (one transaction spans all commands of a write): the write wakes them after its commit
     * ({@link WakeableEventStore#committed}), and they also poll this often for the writes of other nodes.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    WakeableEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${ledger.event-store.fetch-delay-ms:100}") long fetchDelayMs, Clock clock) {
        WakeableEventStore store = new WakeableEventStore(EmbeddedEventStore.builder().storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelayMs).timeUnit(TimeUnit.MILLISECONDS), fetchDelayMs);
        store.registerDispatchInterceptor(messages -> (index, event) -> recordedNow(event, clock.instant()));
        return store;
    }

    /**
     * An event's timestamp is its ledger time ({@code recordedAt}): taken from the ledger's clock bean rather than
     * Axon's global one, so that tests can set it and it has the clock's millisecond precision.
     */
    private static EventMessage<?> recordedNow(EventMessage<?> event, Instant now) {
        if (event instanceof DomainEventMessage<?> domain) {
            return new GenericDomainEventMessage<>(domain.getType(), domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(), domain.getPayload(), domain.getMetaData(), domain.getIdentifier(), now);
        }
        return new GenericEventMessage<>(event.getIdentifier(), event.getPayload(), event.getMetaData(), now);
    }

    /**
     * The token store with an owner name of this node alone: Axon's default (the JVM's pid@host) is shared by two
     * ledgers in one JVM, which would then both process a segment each believes it has claimed.
     */
    @Bean
    TokenStore tokenStore(EntityManagerProvider entityManagerProvider, Serializer serializer, LedgerNode node,
                          @Value("${ledger.projections.claim-timeout:10s}") Duration claimTimeout) {
        // A node that dies leaves its segment claims behind; after the claim timeout another node takes them over.
        return JpaTokenStore.builder().entityManagerProvider(entityManagerProvider).serializer(serializer)
                .claimTimeout(claimTimeout).nodeId(node.id()).build();
    }

    /**
     * The named-parameter template every module's SQL goes through, in place of Spring Boot's: one that substitutes a
     * statement's named parameters once ({@link SubstitutedStatements}).
     */
    @Bean
    NamedParameterJdbcTemplate namedParameterJdbcTemplate(JdbcTemplate jdbcTemplate) {
        return new SubstitutedStatements(jdbcTemplate);
    }

    /**
     * The query bus as Axon's auto-configuration builds it (which steps aside for this one), but whose queries run in a
     * JDBC transaction rather than a JPA one ({@link QueryTransactions}). With Axon Server (profile {@code axonserver})
     * its own auto-configuration builds the bus and its local segment, as before.
     */
    @Bean
    @Qualifier("localSegment")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    SimpleQueryBus queryBus(org.axonframework.config.Configuration configuration, DataSource dataSource) {
        return SimpleQueryBus.builder()
                .messageMonitor(configuration.messageMonitor(QueryBus.class, "queryBus"))
                .transactionManager(new QueryTransactions(dataSource))
                .errorHandler(configuration.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(configuration.getComponent(QueryUpdateEmitter.class))
                .spanFactory(configuration.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    @Bean
    LedgerNode ledgerNode(@Value("${ledger.node-id:}") String nodeId) {
        return new LedgerNode(nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID()
                : nodeId);
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider actorProvider() {
        return new SimpleCorrelationDataProvider(ACTOR);
    }

    /**
     * One sequence for all events: the entities projection applies a merge to every entity that pointed at the
     * merged one, rows that other aggregates' events wrote, so it must see them all in the ledger's order.
     */
    @Bean
    SequentialPolicy wholeLedgerOrder() {
        return new SequentialPolicy();
    }

    @Bean
    ConfigurerModule processingDefaults(TransactionManager transactionManager,
                                        @Value("${ledger.projections.segments:2}") int segments,
                                        @Value("${ledger.projections.claim-timeout:10s}") Duration claimTimeout) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingPooledStreamingEventProcessors((config, builder) -> builder
                        .initialSegmentCount(segments)
                        .claimExtensionThreshold(claimExtensionMillis(claimTimeout))
                        .transactionManager(transactionManager))
                .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance()));
    }

    /**
     * How long a node's segment claim goes unextended while its segment has nothing to process: a third of the claim
     * timeout (at most Axon's 5 s). Axon's 5 s against a claim timeout of 5 s left a live node's claim expired for as
     * long as the extension was late — on two busy cores, while another node started, long enough for that node to
     * take a segment from a live one (PostgresFailoverIT, a clean-clone run of 2026-12-06).
     */
    static long claimExtensionMillis(Duration claimTimeout) {
        return Math.max(100, Math.min(5_000, claimTimeout.toMillis() / 3));
    }

    /** Stamps every command with the authenticated principal; events inherit it through correlation data. */
    @Bean
    Object actorStamp(CommandBus commandBus) {
        return commandBus.registerDispatchInterceptor(messages -> (index, command) -> {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            String actor = auth == null ? "system" : auth.getName();
            return command.andMetaData(MetaData.with(ACTOR, actor));
        });
    }
}
