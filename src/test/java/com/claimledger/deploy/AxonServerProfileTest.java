package com.claimledger.deploy;

import com.claimledger.ClaimLedgerApplication;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code axonserver} profile of docker/compose.axonserver.yaml is real: with it, commands and queries go through
 * Axon Server's buses, while the events, the ledger and the tokens stay in the SQL database (docs/deploy.md). No
 * Axon Server runs on the project's machines: the node starts without one (the connector keeps trying) and only the
 * wiring is checked here.
 */
class AxonServerProfileTest {

    @Test
    void commandsAndQueriesGoThroughAxonServerAndEventsStayInTheDatabase() {
        Path data = Path.of("target/test-data/axonserver-profile");
        FileSystemUtils.deleteRecursively(data.toFile());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ClaimLedgerApplication.class)
                .profiles("axonserver")
                .run("--server.port=0", "--ledger.data-dir=" + data, "--ledger.seed.enabled=false",
                        "--axon.axonserver.servers=localhost:1", "--spring.main.banner-mode=off")) {
            assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
            assertThat(context.getBean(EventStore.class).getClass().getSimpleName()).isEqualTo("WakeableEventStore");
            assertThat(context.getBean(TokenStore.class)).isInstanceOf(JpaTokenStore.class);
        }
    }
}
