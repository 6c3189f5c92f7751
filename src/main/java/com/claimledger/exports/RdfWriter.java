package com.claimledger.exports;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes nodes as they come, in Turtle or JSON-LD: nothing of the graph is kept once a node is written. */
interface RdfWriter extends AutoCloseable {

    void write(RdfNode node) throws IOException;

    /** Hands what is written so far to the client (after each page of the ledger). */
    void flush() throws IOException;

    @Override
    void close() throws IOException;

    static RdfWriter turtle(OutputStream out) {
        return new Turtle(out);
    }

    static RdfWriter jsonLd(OutputStream out, JsonFactory json) throws IOException {
        return new JsonLd(out, json);
    }

    /** RDF 1.1 Turtle: the prefixes, then one block of statements per node. */
    final class Turtle implements RdfWriter {

        private final Writer out;

        Turtle(OutputStream stream) {
            this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
            try {
                for (Map.Entry<String, String> prefix : ProvVocabulary.PREFIXES.entrySet()) {
                    out.write("@prefix " + prefix.getKey() + ": <" + prefix.getValue() + "> .\n");
                }
                out.write("\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void write(RdfNode node) throws IOException {
            StringBuilder text = new StringBuilder(256);
            text.append('<').append(node.iri).append('>');
            String separator = "\n    ";
            if (!node.types.isEmpty()) {
                text.append(separator).append("a ").append(String.join(", ", node.types));
                separator = " ;\n    ";
            }
            for (RdfNode.Statement statement : node.statements) {
                text.append(separator).append(statement.predicate()).append(' ');
                if (statement.iri() != null) {
                    text.append('<').append(statement.iri()).append('>');
                } else {
                    quote(text, statement.literal());
                    if (statement.datatype() != null) {
                        text.append("^^").append(statement.datatype());
                    }
                }
                separator = " ;\n    ";
            }
            text.append(" .\n\n");
            out.write(text.toString());
        }

        /** A Turtle string literal: the characters Turtle forbids raw are escaped, every other one kept. */
        private static void quote(StringBuilder text, String value) {
            text.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> text.append("\\\"");
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    case '\t' -> text.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            text.append(String.format("\\u%04X", (int) c));
                        } else {
                            text.append(c);
                        }
                    }
                }
            }
            text.append('"');
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** JSON-LD 1.1: one document, the prefixes as its context, each node an element of {@code @graph}. */
    final class JsonLd implements RdfWriter {

        private final JsonGenerator out;

        JsonLd(OutputStream stream, JsonFactory json) throws IOException {
            this.out = json.createGenerator(stream, JsonEncoding.UTF8);
            out.writeStartObject();
            out.writeObjectFieldStart("@context");
            for (Map.Entry<String, String> prefix : ProvVocabulary.PREFIXES.entrySet()) {
                out.writeStringField(prefix.getKey(), prefix.getValue());
            }
            out.writeEndObject();
            out.writeArrayFieldStart("@graph");
        }

        @Override
        public void write(RdfNode node) throws IOException {
            out.writeStartObject();
            out.writeStringField("@id", node.iri);
            if (!node.types.isEmpty()) {
                out.writeArrayFieldStart("@type");
                for (String type : node.types) {
                    out.writeString(type);
                }
                out.writeEndArray();
            }
            Map<String, List<RdfNode.Statement>> byPredicate = new LinkedHashMap<>();
            for (RdfNode.Statement statement : node.statements) {
                byPredicate.computeIfAbsent(statement.predicate(), p -> new ArrayList<>()).add(statement);
            }
            for (Map.Entry<String, List<RdfNode.Statement>> predicate : byPredicate.entrySet()) {
                out.writeArrayFieldStart(predicate.getKey());
                for (RdfNode.Statement statement : predicate.getValue()) {
                    out.writeStartObject();
                    if (statement.iri() != null) {
                        out.writeStringField("@id", statement.iri());
                    } else {
                        out.writeStringField("@value", statement.literal());
                        if (statement.datatype() != null) {
                            out.writeStringField("@type", statement.datatype());
                        }
                    }
                    out.writeEndObject();
                }
                out.writeEndArray();
            }
            out.writeEndObject();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.writeEndArray();
            out.writeEndObject();
            out.close();
        }
    }
}
