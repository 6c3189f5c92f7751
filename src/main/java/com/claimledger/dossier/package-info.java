/**
 * Whole case files: the import of a dossier as one write, and the seed loaded at first start.
 */
@ApplicationModule(displayName = "Dossier")
package com.claimledger.dossier;

import org.springframework.modulith.ApplicationModule;
