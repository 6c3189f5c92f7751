package com.claimledger.ledger.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live node extends its segment claims well within the claim timeout, so that no other node finds them expired
 * while the extension is a little late: a third of the timeout, never more than Axon's own 5 s.
 */
class ClaimExtensionTest {

    @Test
    void aThirdOfTheClaimTimeoutAtMostAxonsFiveSeconds() {
        assertThat(LedgerConfiguration.claimExtensionMillis(Duration.ofSeconds(10))).isEqualTo(3_333);
        assertThat(LedgerConfiguration.claimExtensionMillis(Duration.ofSeconds(5))).isEqualTo(1_666);
        assertThat(LedgerConfiguration.claimExtensionMillis(Duration.ofMinutes(1))).isEqualTo(5_000);
        assertThat(LedgerConfiguration.claimExtensionMillis(Duration.ofMillis(30))).isEqualTo(100);
    }

    @Test
    void alwaysWellWithinTheTimeout() {
        for (long seconds = 1; seconds <= 120; seconds++) {
            Duration timeout = Duration.ofSeconds(seconds);
            assertThat(LedgerConfiguration.claimExtensionMillis(timeout)).as("timeout %s", timeout)
                    .isLessThanOrEqualTo(timeout.toMillis() / 3);
        }
    }
}
