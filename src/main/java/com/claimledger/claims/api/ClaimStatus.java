package com.claimledger.claims.api;

/** Derived, never stored: RETRACTED beats DISPUTED beats STANDING (SPEC section 1). */
public enum ClaimStatus {
    STANDING, DISPUTED, RETRACTED
}
