/** What every projection shares: keyset cursors, the canonical checksum of its tables, instants in SQL. */
@NamedInterface("projection")
package com.claimledger.ledger.projection;

import org.springframework.modulith.NamedInterface;
