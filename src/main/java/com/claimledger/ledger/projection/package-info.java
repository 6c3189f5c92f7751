/**
 * What every projection shares: keyset cursors, the canonical checksum of its tables, instants in SQL, what a replay
 * asks of a projection table derived from the others ({@link com.claimledger.ledger.projection.DerivedTable}), and
 * the generation by which a node checks what it keeps of a projection in memory
 * ({@link com.claimledger.ledger.projection.ProjectionGeneration}).
 */
@NamedInterface("projection")
package com.claimledger.ledger.projection;

import org.springframework.modulith.NamedInterface;
