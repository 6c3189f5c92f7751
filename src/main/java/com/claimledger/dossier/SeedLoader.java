package com.claimledger.dossier;

import com.claimledger.ledger.api.LedgerQueries.CountEntries;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.beans.factory.annotation.Value;
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
    private final QueryGateway queries;
    private final ObjectMapper json;
    private final Resource seed;

    SeedLoader(DossierImporter importer, QueryGateway queries, ObjectMapper json,
               @Value("${ledger.seed.dossier}") Resource seed) {
        this.importer = importer;
        this.queries = queries;
        this.json = json;
        this.seed = seed;
    }

    /**
     * Runs before the application reports itself ready (readiness turns to ACCEPTING_TRAFFIC after the runners), so
     * that whoever waits for health to say UP reads the seeded ledger. A seed that cannot be applied stops the start.
     */
    @Override
    public void run(ApplicationArguments args) {
        if (queries.query(new CountEntries(), Long.class).join() > 0) {
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
            Dossier.Counts counts = importer.apply(dossier);
            log.info("Seed dossier {} loaded: {}", seed.getFilename(), counts);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the seed dossier " + seed.getDescription() + " cannot be applied: "
                    + e.getMessage(), e);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
