/**
 * Time semantics of the domain: the two axes (narrative and ledger time), what a plain date means as the time of a change and as the bound of a read, imprecise event times, and the ledger's clock.
 */
@ApplicationModule(displayName = "Time")
package com.claimledger.time;

import org.springframework.modulith.ApplicationModule;
