/**
 * Publications in which claims appear.
 */
@ApplicationModule(displayName = "Articles")
package com.claimledger.articles;

import org.springframework.modulith.ApplicationModule;
