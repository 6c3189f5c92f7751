package com.claimledger.exports;

import java.util.ArrayList;
import java.util.List;

/**
 * One subject and what the export says of it: its types and its statements, in the order written. Predicates and
 * types are compact IRIs ({@code prov:Entity}) over the prefixes of {@link ProvVocabulary}; objects are IRIs or
 * literals with an optional datatype.
 */
final class RdfNode {

    record Statement(String predicate, String iri, String literal, String datatype) {
    }

    final String iri;
    final List<String> types = new ArrayList<>();
    final List<Statement> statements = new ArrayList<>();

    RdfNode(String iri, String... types) {
        this.iri = iri;
        this.types.addAll(List.of(types));
    }

    RdfNode link(String predicate, String iri) {
        statements.add(new Statement(predicate, iri, null, null));
        return this;
    }

    /** A plain string; nothing when the value is absent. */
    RdfNode text(String predicate, String value) {
        if (value != null) {
            statements.add(new Statement(predicate, null, value, null));
        }
        return this;
    }

    RdfNode typed(String predicate, String value, String datatype) {
        if (value != null) {
            statements.add(new Statement(predicate, null, value, datatype));
        }
        return this;
    }

    RdfNode time(String predicate, String instant) {
        return typed(predicate, instant, "xsd:dateTime");
    }
}
