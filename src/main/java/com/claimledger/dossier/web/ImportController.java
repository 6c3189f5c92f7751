package com.claimledger.dossier.web;

import com.claimledger.dossier.Dossier;
import com.claimledger.dossier.DossierImporter;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ImportController {

    private final DossierImporter importer;

    ImportController(DossierImporter importer) {
        this.importer = importer;
    }

    @PostMapping("/api/import")
    Dossier.Counts importDossier(@Valid @RequestBody Dossier dossier) {
        return importer.apply(dossier);
    }
}
