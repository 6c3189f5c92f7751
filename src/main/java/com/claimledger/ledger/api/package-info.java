/** The ledger's face: how modules write (one transaction, read-your-writes) and how the ordered log is read. */
@NamedInterface("api")
package com.claimledger.ledger.api;

import org.springframework.modulith.NamedInterface;
