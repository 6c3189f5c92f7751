package com.claimledger.dossier.web;

import com.claimledger.dossier.DossierExporter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The whole ledger as a dossier, to move it to another installation ({@code POST /api/import} there). */
@RestController
class ExportDossierController {

    private final DossierExporter exporter;

    ExportDossierController(DossierExporter exporter) {
        this.exporter = exporter;
    }

    @GetMapping(path = "/api/export/dossier", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StreamingResponseBody> dossier() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(exporter::write);
    }
}
