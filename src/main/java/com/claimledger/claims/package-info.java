/**
 * Attributed claims and everything that happens to them: disputes, corroborations, amendments, retractions and reviews — decided in command, stored in query, served from web.
 */
@ApplicationModule(displayName = "Claims")
package com.claimledger.claims;

import org.springframework.modulith.ApplicationModule;
