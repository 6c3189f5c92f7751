package com.claimledger.kernel;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A name's key: trimmed, NFKC-normalised, white space folded, lower case — the fast path gives what the rule says. */
class NamesTest {

    /** The rule as first written: a regular expression for the white space. */
    private static String rule(String name) {
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFKC).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    @Test
    void examples() {
        assertThat(Names.key("  Kazakh  Security\tService ")).isEqualTo("kazakh security service");
        assertThat(Names.key("ＧＫＮＢ")).isEqualTo("gknb");
        assertThat(Names.key("Амиров\u00A0Р.")).isEqualTo("амиров р.");
        assertThat(Names.key("a\r\n\u000B\fb")).isEqualTo("a b");
    }

    @Test
    void anyTextGetsTheKeyTheRuleGives() {
        char[] alphabet = {'a', 'Z', ' ', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2003', '\u3000', 'İ', 'ﬁ',
                'Ж', '.', '\u0301', '\u001C'};
        Random random = new Random(9);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertThat(Names.key(text.toString())).as("%s", text.codePoints().boxed().toList())
                    .isEqualTo(rule(text.toString()));
        }
    }
}
