/**
 * The ordered, dense log of every event and the machinery around it: one-transaction writes with read-your-writes, the Axon configuration, the SSE stream, replay and dead letters.
 */
@ApplicationModule(displayName = "Ledger")
package com.claimledger.ledger;

import org.springframework.modulith.ApplicationModule;
