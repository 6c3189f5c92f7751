package com.claimledger.time;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneOffset;

/** The ledger's one source of "now"; tests replace it with a {@code @Primary} clock of their own. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** Millisecond precision: what is served, what is compared and what is hashed are the same instant. */
    @Bean
    Clock clock() {
        return Clock.tickMillis(ZoneOffset.UTC);
    }
}
