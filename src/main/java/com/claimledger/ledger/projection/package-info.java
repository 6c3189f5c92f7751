/**
 * What every projection shares: keyset cursors, the canonical checksum of its tables, instants in SQL, and what a replay
 * asks of a projection table derived from the others ({@link com.claimledger.ledger.projection.DerivedTable}).
 */
@NamedInterface("projection")
package com.claimledger.ledger.projection;

import org.springframework.modulith.NamedInterface;
