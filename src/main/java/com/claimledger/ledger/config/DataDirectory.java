package com.claimledger.ledger.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Map;

/**
 * Makes {@code ledger.data-dir} absolute before anything uses it: H2 refuses implicitly relative paths, and the
 * database, the token file and the logs should all name the same directory.
 */
public class DataDirectory implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dir = environment.getProperty("ledger.data-dir", "./data");
        environment.getPropertySources().addFirst(new MapPropertySource("ledgerDataDirectory",
                Map.of("ledger.data-dir", Path.of(dir).toAbsolutePath().normalize().toString())));
    }
}
