package com.claimledger.time;

import java.time.Instant;

/** Every ledger event knows its narrative time: when the change happened in the world. */
public interface Occurrence {

    Instant occurredAt();
}
