/**
 * The ledger's verifiability: the RFC 9162 Merkle tree over every entry (RFC 8785 bytes), Ed25519-signed heads,
 * inclusion and consistency proofs, the verifier of a stored ledger, and the offline {@code verify} command. The
 * tools here need nothing but SHA-256 and Ed25519, so that any outside party can use them.
 */
@NamedInterface("integrity")
package com.claimledger.ledger.integrity;

import org.springframework.modulith.NamedInterface;
