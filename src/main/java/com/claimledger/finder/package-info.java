/**
 * The claim finder: proposes the attributed statements of an article's text for an editor to accept, and suggests
 * entities that are probably one. It records nothing: accepting a proposal is an ordinary claim write, accepting a
 * suggestion an ordinary alias write.
 */
@ApplicationModule(displayName = "Finder")
package com.claimledger.finder;

import org.springframework.modulith.ApplicationModule;
