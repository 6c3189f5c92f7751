package com.claimledger.dossier;

import com.claimledger.ledger.api.LedgerQueries.CountEntries;
import com.claimledger.kernel.RecordedNotYetVisible;
import com.claimledger.ledger.api.LedgerWrites;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Loads the seed dossier at the first start of an empty ledger, as the actor {@code seed}. */
@Component
@ConditionalOnProperty(name = "ledger.seed.enabled", havingValue = "true", matchIfMissing = true)
class SeedLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedLoader.class);

    private final DossierImporter importer;
    private final LedgerWrites ledger;
    private final QueryGateway queries;
    private final ObjectMapper json;
    private final Resource seed;

    /**
     * @param api the API's JSON converter, whose mapper reads the dossier: {@code ledger.seed.dossier} may name any
     *            file, which is input like an import's body, so the API's input rules apply to it (control
     *            characters, nesting, duplicate keys; web.InputLimits)
     */
    SeedLoader(DossierImporter importer, LedgerWrites ledger, QueryGateway queries,
               MappingJackson2HttpMessageConverter api, @Value("${ledger.seed.dossier}") Resource seed) {
        this.importer = importer;
        this.ledger = ledger;
        this.queries = queries;
        this.json = api.getObjectMapper();
        this.seed = seed;
    }

    private boolean empty() {
        return queries.query(new CountEntries(), Long.class).join() == 0;
    }

    /**
     * Runs before the application reports itself ready (readiness turns to ACCEPTING_TRAFFIC after the runners), so
     * that whoever waits for health to say UP reads the seeded ledger. A seed that cannot be applied stops the start.
     */
    @Override
    public void run(ApplicationArguments args) {
        if (!empty()) {
            return;
        }
        Dossier dossier;
        try (InputStream in = seed.getInputStream()) {
            dossier = json.readValue(in, Dossier.class);
        } catch (IOException e) {
            throw new IllegalStateException("the seed dossier " + seed.getDescription() + " cannot be read: "
                    + e.getMessage(), e);
        }
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("seed", null, List.of()));
        try {
            // Alone among the writers of every node: of several nodes starting together on one database, the first
            // loads the seed and the others find the ledger no longer empty.
            Dossier.Counts counts = ledger.writeAlone(() -> empty() ? importer.apply(dossier) : null);
            if (counts == null) {
                log.info("Seed dossier {} not loaded: another node has written to the ledger", seed.getFilename());
            } else {
                log.info("Seed dossier {} loaded: {}", seed.getFilename(), counts);
            }
        } catch (RecordedNotYetVisible stored) {
            // Stored: readiness stays OUT_OF_SERVICE until the projections have caught up with it.
            log.info("Seed dossier {} loaded; the projections are still catching up with it", seed.getFilename());
        } catch (RuntimeException e) {
            throw new IllegalStateException("the seed dossier " + seed.getDescription() + " cannot be applied: "
                    + e.getMessage(), e);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
