/**
 * HTTP support: problem+json for every refusal, input limits, request parameter parsing, bearer-token security.
 */
@ApplicationModule(displayName = "Web")
package com.claimledger.web;

import org.springframework.modulith.ApplicationModule;
