/**
 * People, organisations, agencies, outlets, groups and places: their names, aliases and merges.
 */
@ApplicationModule(displayName = "Entities")
package com.claimledger.entities;

import org.springframework.modulith.ApplicationModule;
