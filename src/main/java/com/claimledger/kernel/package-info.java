/**
 * The vocabulary every module shares: ids, how names compare, refusals (each becomes an HTTP problem), and create-or-repeat.
 */
@ApplicationModule(displayName = "Kernel")
package com.claimledger.kernel;

import org.springframework.modulith.ApplicationModule;
