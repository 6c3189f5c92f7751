/**
 * The ledger in other systems' formats: schema.org ClaimReview for search engines and fact-check aggregators, and
 * W3C PROV-O for the provenance of every claim (with disputes and corroborations in a small vocabulary of our own).
 * A reader of the other modules' public faces only.
 */
@ApplicationModule(displayName = "Exports")
package com.claimledger.exports;

import org.springframework.modulith.ApplicationModule;
