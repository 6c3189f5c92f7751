package com.claimledger.claims.query;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words of a wording: {@link Words#of} scans each word's code points once; its result is, set and order alike,
 * what the two regular expressions it replaced give ({@link #byExpressions}), for the seed's kind of text and for
 * random text of letters, numbers of other scripts, punctuation, symbols and characters outside the BMP.
 */
class WordsTest {

    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");
    private static final Pattern BETWEEN_RUNS = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** The words as the regular expressions made them until the ninth round of docs/benchmarks.md. */
    private static Set<String> byExpressions(String statement, String quote) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : Words.terms(statement + " " + (quote == null ? "" : quote))) {
            words.add(cut(word));
            String trimmed = EDGE_PUNCTUATION.matcher(word).replaceAll("");
            if (!trimmed.isEmpty()) {
                words.add(cut(trimmed));
            }
            for (String run : BETWEEN_RUNS.split(word)) {
                if (!run.isEmpty()) {
                    words.add(cut(run));
                }
            }
        }
        return words;
    }

    private static String cut(String word) {
        return word.length() <= Words.MAX_LENGTH ? word : word.substring(0, Words.MAX_LENGTH);
    }

    @Test
    void theSeedsKindOfTextGivesTheWordsThePunctuationAndTheRuns() {
        assertThat(Words.of("\"Amirov's\" men — shot dead (GKNB).", "%_ 2015-07-20"))
                .containsExactly("\"amirov's\"", "amirov's", "amirov", "s", "men", "—", "shot", "dead", "(gknb).", "gknb",
                        "%_", "2015-07-20", "2015", "07", "20");
        for (String text : List.of("Amirov was shot dead in the Bishkek raid.", "a-b-c", "--", "x", "½ Ⅷ ²", "“Жанболат”",
                "𝐀𝐁 𐐀x", "a\uD800b", "مقتل أميروف، قال", "",
                // No-break and em spaces: not white space to strip(), spaces after NFKC — words that are empty at the
                // start (kept by String.split) and at the end (dropped by it).
                "\u00A0x\u00A0", "\u00A0", "\u2003 \u00A0a\u00A0\u2003", "a\u00A0\u00A0b")) {
            assertThat(Words.of(text, text)).as(text).containsExactlyElementsOf(byExpressions(text, text));
        }
    }

    @Test
    void randomTextGivesWhatTheExpressionsGave() {
        int[] alphabet = "aZé9٣Ⅻ½-'.,\"“”()%_/\\!—–·ǅʰ𝐀𐐀😀\uD800\uDC00\u00A0\u2003".codePoints().toArray();
        Random random = new Random(9);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                text.appendCodePoint(random.nextInt(6) == 0 ? ' ' : alphabet[random.nextInt(alphabet.length)]);
            }
            if (random.nextInt(50) == 0) {
                text.append("x".repeat(Words.MAX_LENGTH + random.nextInt(5))).append(".");
            }
            String quote = random.nextBoolean() ? null : text.reverse().toString();
            assertThat(Words.of(text.toString(), quote)).as(text.toString())
                    .containsExactlyElementsOf(byExpressions(text.toString(), quote));
        }
    }
}
