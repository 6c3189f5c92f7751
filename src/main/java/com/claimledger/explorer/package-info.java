/**
 * The narrative explorer: the web page served at {@code /} (its HTML, CSS and JavaScript modules are static files
 * under {@code static/explorer/}). It reads and writes only through the public REST API, like any other client, so
 * this module depends on no other.
 */
@ApplicationModule(displayName = "Explorer")
package com.claimledger.explorer;

import org.springframework.modulith.ApplicationModule;
