/** The finder's face: what it proposes and suggests, and the two services that answer. Everything else is internal. */
@NamedInterface("api")
package com.claimledger.finder.api;

import org.springframework.modulith.NamedInterface;
