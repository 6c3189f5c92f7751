/** The entities module's face: its commands, events, queries, views and write service. Everything else in the module is internal. */
@NamedInterface("api")
package com.claimledger.entities.api;

import org.springframework.modulith.NamedInterface;
