package com.claimledger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's process turns H2's shared value cache off before H2 loads (docs/benchmarks.md, sixteenth round), unless
 * the command line says otherwise.
 */
class H2ValueCacheTest {

    private final String before = System.getProperty("h2.objectCache");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("h2.objectCache");
        } else {
            System.setProperty("h2.objectCache", before);
        }
    }

    @Test
    void offUnlessTheCommandLineSaysOtherwise() {
        System.clearProperty("h2.objectCache");
        ClaimLedgerApplication.withoutH2ValueCache();
        assertThat(System.getProperty("h2.objectCache")).isEqualTo("false");

        System.setProperty("h2.objectCache", "true");
        ClaimLedgerApplication.withoutH2ValueCache();
        assertThat(System.getProperty("h2.objectCache")).as("-Dh2.objectCache=true wins").isEqualTo("true");
    }
}
