package com.claimledger.exports;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The namespaces of the PROV export. {@code cl:} is the ledger's own small vocabulary (disputes, corroborations,
 * ledger entries and their leaf hashes, what PROV-O has no term for), published as Turtle at {@code /ns/claimledger.ttl}
 * and described in docs/interop.md. Its IRI does not depend on where a ledger runs, so that exports of several
 * ledgers can be queried together.
 */
final class ProvVocabulary {

    static final String CL = "https://claimledger.example/ns/claimledger#";

    static final Map<String, String> PREFIXES = prefixes();

    private ProvVocabulary() {
    }

    private static Map<String, String> prefixes() {
        Map<String, String> prefixes = new LinkedHashMap<>();
        prefixes.put("prov", "http://www.w3.org/ns/prov#");
        prefixes.put("cl", CL);
        prefixes.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        prefixes.put("owl", "http://www.w3.org/2002/07/owl#");
        prefixes.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        prefixes.put("dcterms", "http://purl.org/dc/terms/");
        prefixes.put("schema", "https://schema.org/");
        return java.util.Collections.unmodifiableMap(prefixes);
    }
}
