/**
 * Read-only views over the claims: current, disputed and retracted as of any moment on either axis, the narrative diff and timeline.
 */
@ApplicationModule(displayName = "Narrative")
package com.claimledger.narrative;

import org.springframework.modulith.ApplicationModule;
