package com.claimledger.claims.api;

/** An editorial verdict, ordered from true to false, as in schema.org ClaimReview's rating scale. */
public enum Rating {
    TRUE, MOSTLY_TRUE, MIXED, MOSTLY_FALSE, FALSE, UNPROVEN
}
