package com.claimledger.support;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.JsonDocument;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LangJSONLD11;
import org.apache.jena.sparql.util.Context;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * RDF as a consumer of the ledger's exports reads it: Apache Jena's parsers and SPARQL. The schema.org context is
 * served from a local copy of its relevant part (the build has no network; the terms keep schema.org's own IRIs).
 */
public final class Rdf {

    private Rdf() {
    }

    public static Model parse(String text, Lang lang) {
        Model model = ModelFactory.createDefaultModel();
        JsonLdOptions options = new JsonLdOptions();
        options.setDocumentLoader((url, loaderOptions) -> {
            if (url.getHost() != null && url.getHost().endsWith("schema.org")) {
                try (InputStream in = Rdf.class.getResourceAsStream("/jsonld/schema-org-context.jsonld")) {
                    return JsonDocument.of(in);
                } catch (java.io.IOException e) {
                    throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, e);
                }
            }
            throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED, "no network in tests: " + url);
        });
        RDFParser.fromString(text, lang).context(Context.create().set(LangJSONLD11.JSONLD_OPTIONS, options))
                .base("http://localhost/").parse(model);
        return model;
    }

    /** The rows of a SELECT query, each its variables' values as strings. */
    public static List<QuerySolution> select(Model model, String sparql) {
        List<QuerySolution> rows = new ArrayList<>();
        try (var execution = QueryExecutionFactory.create(sparql, model)) {
            execution.execSelect().forEachRemaining(rows::add);
        }
        return rows;
    }
}
