package com.claimledger.ledger.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RFC 8785 conformance of the entry bytes. Vectors: the RFC's sample (sections 3.2.2 and 3.2.3) and its
 * Appendix B number table, and the test data of the RFC authors' repository cyberphone/json-canonicalization
 * (testdata/input, testdata/outhex at commit 19d51d7fe467d4706a3ff08adf8a748f29fc21e0), whose values.json is
 * the RFC sample.
 */
class EntryCanonicalizerTest {

    private final ObjectMapper json = new ObjectMapper();

    private static String canonical(String jsonText) {
        return new String(EntryCanonicalizer.canonicalize(jsonText), StandardCharsets.UTF_8);
    }

    private static byte[] outhex(String spacedHex) {
        return HexFormat.of().parseHex(spacedHex.replaceAll("\\s+", ""));
    }

    @Test
    void rfcSampleGivesTheRfcBytes() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        byte[] expected = outhex("""
                7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61 6c 73 65 5d 2c 22 6e
                75 6d 62 65 72 73 22 3a 5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 65 2b 33 30
                2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37 5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24
                5c 75 30 30 30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d""");
        assertThat(EntryCanonicalizer.canonicalize(input)).isEqualTo(expected);
        assertThat(new String(expected, StandardCharsets.UTF_8)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void authorsTestDataGivesTheirBytes() {
        Map<String, String> inputToOuthex = Map.of(
                // arrays.json
                "[ 56, { \"d\": true, \"10\": null, \"1\": [ ] } ]",
                "5b 35 36 2c 7b 22 31 22 3a 5b 5d 2c 22 31 30 22 3a 6e 75 6c 6c 2c 22 64 22 3a 74 72 75 65 7d 5d",
                // french.json
                "{ \"peach\": \"This sorting order\", \"p\\u00e9ch\\u00e9\": \"is wrong according to French\","
                        + " \"p\\u00eache\": \"but canonicalization MUST\", \"sin\":   \"ignore locale\" }",
                """
                7b 22 70 65 61 63 68 22 3a 22 54 68 69 73 20 73 6f 72 74 69 6e 67 20 6f 72 64 65 72 22 2c 22 70
                c3 a9 63 68 c3 a9 22 3a 22 69 73 20 77 72 6f 6e 67 20 61 63 63 6f 72 64 69 6e 67 20 74 6f 20 46
                72 65 6e 63 68 22 2c 22 70 c3 aa 63 68 65 22 3a 22 62 75 74 20 63 61 6e 6f 6e 69 63 61 6c 69 7a
                61 74 69 6f 6e 20 4d 55 53 54 22 2c 22 73 69 6e 22 3a 22 69 67 6e 6f 72 65 20 6c 6f 63 61 6c 65
                22 7d""",
                // structures.json
                "{ \"1\": {\"f\": {\"f\": \"hi\",\"F\": 5} ,\"\\n\": 56.0}, \"10\": { }, \"\": \"empty\", \"a\": { },"
                        + " \"111\": [ {\"e\": \"yes\",\"E\": \"no\" } ], \"A\": { } }",
                """
                7b 22 22 3a 22 65 6d 70 74 79 22 2c 22 31 22 3a 7b 22 5c 6e 22 3a 35 36 2c 22 66 22 3a 7b 22 46
                22 3a 35 2c 22 66 22 3a 22 68 69 22 7d 7d 2c 22 31 30 22 3a 7b 7d 2c 22 31 31 31 22 3a 5b 7b 22
                45 22 3a 22 6e 6f 22 2c 22 65 22 3a 22 79 65 73 22 7d 5d 2c 22 41 22 3a 7b 7d 2c 22 61 22 3a 7b
                7d 7d""",
                // unicode.json: no Unicode normalisation
                "{ \"Unnormalized Unicode\":\"A\\u030a\" }",
                "7b 22 55 6e 6e 6f 72 6d 61 6c 69 7a 65 64 20 55 6e 69 63 6f 64 65 22 3a 22 41 cc 8a 22 7d",
                // weird.json: keys sorted by UTF-16 code units, so the emoji (a surrogate pair) sorts before U+FB33
                "{ \"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\u000a\": \"Newline\", \"1\": \"One\","
                        + " \"\\u0080\": \"Control\\u007f\", \"\\ud83d\\ude02\": \"Smiley\","
                        + " \"\\u00f6\": \"Latin Small Letter O With Diaeresis\","
                        + " \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\", \"</script>\": \"Browser Challenge\" }",
                """
                7b 22 5c 6e 22 3a 22 4e 65 77 6c 69 6e 65 22 2c 22 5c 72 22 3a 22 43 61 72 72 69 61 67 65 20 52
                65 74 75 72 6e 22 2c 22 31 22 3a 22 4f 6e 65 22 2c 22 3c 2f 73 63 72 69 70 74 3e 22 3a 22 42 72
                6f 77 73 65 72 20 43 68 61 6c 6c 65 6e 67 65 22 2c 22 c2 80 22 3a 22 43 6f 6e 74 72 6f 6c 7f 22
                2c 22 c3 b6 22 3a 22 4c 61 74 69 6e 20 53 6d 61 6c 6c 20 4c 65 74 74 65 72 20 4f 20 57 69 74 68
                20 44 69 61 65 72 65 73 69 73 22 2c 22 e2 82 ac 22 3a 22 45 75 72 6f 20 53 69 67 6e 22 2c 22 f0
                9f 98 82 22 3a 22 53 6d 69 6c 65 79 22 2c 22 ef ac b3 22 3a 22 48 65 62 72 65 77 20 4c 65 74 74
                65 72 20 44 61 6c 65 74 20 57 69 74 68 20 44 61 67 65 73 68 22 7d""");
        inputToOuthex.forEach((input, hex) -> {
            assertThat(EntryCanonicalizer.canonicalize(input)).as(input).isEqualTo(outhex(hex));
        });
    }

    /** RFC 8785 Appendix B: IEEE-754 bit patterns and their required serialisation. */
    @Test
    void appendixBNumbersThroughJacksonNodes() {
        String[][] table = {
                {"0000000000000000", "0"}, {"8000000000000000", "0"},
                {"0000000000000001", "5e-324"}, {"8000000000000001", "-5e-324"},
                {"7fefffffffffffff", "1.7976931348623157e+308"}, {"ffefffffffffffff", "-1.7976931348623157e+308"},
                {"4340000000000000", "9007199254740992"}, {"c340000000000000", "-9007199254740992"},
                {"4430000000000000", "295147905179352830000"},
                {"44b52d02c7e14af5", "9.999999999999997e+22"}, {"44b52d02c7e14af6", "1e+23"},
                {"44b52d02c7e14af7", "1.0000000000000001e+23"},
                {"444b1ae4d6e2ef4e", "999999999999999700000"}, {"444b1ae4d6e2ef4f", "999999999999999900000"},
                {"444b1ae4d6e2ef50", "1e+21"},
                {"3eb0c6f7a0b5ed8c", "9.999999999999997e-7"}, {"3eb0c6f7a0b5ed8d", "0.000001"},
                {"41b3de4355555553", "333333333.3333332"}, {"41b3de4355555554", "333333333.33333325"},
                {"41b3de4355555555", "333333333.3333333"}, {"41b3de4355555556", "333333333.3333334"},
                {"41b3de4355555557", "333333333.33333343"},
                {"becbf647612f3696", "-0.0000033333333333333333"},
                {"43143ff3c1cb0959", "1424953923781206.2"}};
        for (String[] row : table) {
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
            ArrayNode array = JsonNodeFactory.instance.arrayNode().add(value);
            assertThat(new String(EntryCanonicalizer.canonicalize(array), StandardCharsets.UTF_8))
                    .as("IEEE %s", row[0]).isEqualTo("[" + row[1] + "]");
        }
        for (String notFinite : List.of("7fffffffffffffff", "7ff0000000000000", "fff0000000000000")) {
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(notFinite, 16));
            assertThatThrownBy(() -> EntryCanonicalizer.canonicalize(JsonNodeFactory.instance.arrayNode().add(value)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void numberLiteralsTakeTheirEcmaScriptForm() throws Exception {
        Map<String, String> literals = Map.of(
                "1e+30", "1e+30", "4.50", "4.5", "2e-3", "0.002", "0.000001", "0.000001", "1E-7", "1e-7",
                "333333333.33333329", "333333333.3333333", "-0", "0", "-0.0", "0", "100", "100", "1E30", "1e+30");
        literals.forEach((literal, expected) -> {
            assertThat(canonical("[" + literal + "]")).as(literal).isEqualTo("[" + expected + "]");
        });
        // The same through Jackson trees, whichever node type the application's mapper picks for decimals.
        for (Map.Entry<String, String> literal : literals.entrySet()) {
            JsonNode parsed = json.readTree("[" + literal.getKey() + "]");
            assertThat(new String(EntryCanonicalizer.canonicalize(parsed), StandardCharsets.UTF_8))
                    .as("double node %s", literal.getKey()).isEqualTo("[" + literal.getValue() + "]");
            ArrayNode decimal = JsonNodeFactory.instance.arrayNode().add(new BigDecimal(literal.getKey()));
            assertThat(new String(EntryCanonicalizer.canonicalize(decimal), StandardCharsets.UTF_8))
                    .as("decimal node %s", literal.getKey()).isEqualTo("[" + literal.getValue() + "]");
        }
    }

    @Test
    void stringsUseTheMinimalEscapes() {
        String input = "[\"\\u0000\\u000f\\u001f\\b\\t\\n\\f\\r\\\"\\\\\\/\\u007f\\u200f\\u2028\\u20ac\\ud83d\\ude00\"]";
        assertThat(canonical(input)).isEqualTo(
                "[\"\\u0000\\u000f\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u007f\u200f\u2028\u20ac\ud83d\ude00\"]");
    }

    @Test
    void hostileEntryHasOneCanonicalFormWhateverTheKeyOrder() throws Exception {
        String served = """
                {"payload":{"quote":"He said \\"no\\" \\\\ then \\u200f\\u0634\\u0643\\u0631\\u0627",
                  "emoji":"\\ud83d\\ude00 \\ud83e\\udd14","amount":4.50,"big":1E30,"ctrl":"\\u000f\\u001f\\n\\t",
                  "\\ufb33":"dalet","\\ud83d\\ude00":"grin",
                  "nested":{"b":[2e-3,-0.0,100,true],"a":null}},
                 "actor":"editor:ana","recordedAt":"2015-07-17T00:00:01.250Z","occurredAt":"2015-07-17T00:00:00Z",
                 "aggregateId":null,"type":"ClaimRecorded","sequence":42,"_links":{"self":"/ledger/42"}}""";
        String expected = "{\"actor\":\"editor:ana\",\"aggregateId\":null,\"occurredAt\":\"2015-07-17T00:00:00Z\","
                + "\"payload\":{\"amount\":4.5,\"big\":1e+30,\"ctrl\":\"\\u000f\\u001f\\n\\t\","
                + "\"emoji\":\"\ud83d\ude00 \ud83e\udd14\",\"nested\":{\"a\":null,\"b\":[0.002,0,100,true]},"
                + "\"quote\":\"He said \\\"no\\\" \\\\ then \u200f\u0634\u0643\u0631\u0627\","
                + "\"\ud83d\ude00\":\"grin\",\"\ufb33\":\"dalet\"},"
                + "\"recordedAt\":\"2015-07-17T00:00:01.250Z\",\"sequence\":42,\"type\":\"ClaimRecorded\"}";

        JsonNode entry = json.readTree(served);
        byte[] canonical = EntryCanonicalizer.entryBytes(entry);
        assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo(expected);

        Random random = new Random(8785);
        for (int i = 0; i < 20; i++) {
            JsonNode shuffled = shuffleKeys(entry, random);
            assertThat(EntryCanonicalizer.entryBytes(shuffled)).isEqualTo(canonical);
        }
        byte[] fromFields = EntryCanonicalizer.entryBytes(42, "ClaimRecorded", null, "2015-07-17T00:00:00Z",
                "2015-07-17T00:00:01.250Z", "editor:ana", entry.get("payload"));
        assertThat(fromFields).isEqualTo(canonical);
        assertThat(MerkleTree.leafHash(fromFields)).isEqualTo(MerkleTree.leafHash(canonical));
    }

    @Test
    void absentNullableFieldsCountAsNull() throws Exception {
        JsonNode withoutNulls = json.readTree("""
                {"sequence":0,"type":"T","occurredAt":"2015-07-17T00:00:00Z","recordedAt":"2015-07-17T00:00:00Z",
                 "payload":{}}""");
        assertThat(new String(EntryCanonicalizer.entryBytes(withoutNulls), StandardCharsets.UTF_8)).isEqualTo(
                "{\"actor\":null,\"aggregateId\":null,\"occurredAt\":\"2015-07-17T00:00:00Z\",\"payload\":{},"
                        + "\"recordedAt\":\"2015-07-17T00:00:00Z\",\"sequence\":0,\"type\":\"T\"}");
    }

    @Test
    void whatJcsCannotRepresentIsRefused() throws Exception {
        assertThatThrownBy(() -> EntryCanonicalizer.canonicalize("{\"a\":1,\"a\":2}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryCanonicalizer.canonicalize("{\"lone\":\"\\ud83d\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        ObjectNode loneSurrogate = JsonNodeFactory.instance.objectNode().put("s", "x\udc00");
        assertThatThrownBy(() -> EntryCanonicalizer.canonicalize(loneSurrogate))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryCanonicalizer.canonicalize("{\"a\":1e400}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryCanonicalizer.canonicalize("{\"a\":"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryCanonicalizer.entryBytes(json.readTree(
                "{\"sequence\":\"1\",\"type\":\"T\",\"occurredAt\":\"x\",\"recordedAt\":\"x\",\"payload\":{}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryCanonicalizer.entryBytes(json.readTree(
                "{\"sequence\":1,\"type\":\"T\",\"occurredAt\":\"x\",\"recordedAt\":\"x\",\"payload\":[]}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EntryCanonicalizer.entryBytes(json.readTree(
                "{\"sequence\":1,\"occurredAt\":\"x\",\"recordedAt\":\"x\",\"payload\":{}}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode shuffleKeys(JsonNode node, Random random) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.shuffle(names, random);
            ObjectNode shuffled = JsonNodeFactory.instance.objectNode();
            names.forEach(name -> shuffled.set(name, shuffleKeys(node.get(name), random)));
            return shuffled;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(shuffleKeys(element, random)));
            return copy;
        }
        return node;
    }
}
