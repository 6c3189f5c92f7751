package com.claimledger.claims.query;

import com.claimledger.kernel.Names;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The words full-text search finds a wording by: after the names' normalisation, each whitespace-separated word
 * ("%_", "\"amirov's"), the same without the punctuation around it ("amirov's"), and each run of letters and digits
 * within it ("amirov", "s"), so that a term matches a word it begins, whatever punctuation surrounds it.
 */
final class Words {

    static final int MAX_LENGTH = 200;

    private Words() {
    }

    static Set<String> of(String statement, String quote) {
        String key = Names.key(statement + " " + (quote == null ? "" : quote));
        // The whitespace-separated words as terms() splits them (String.split drops the empty words at the end), cut
        // here without a list: a replay derives the words of every claim, and the list's growth, the set's rehashing
        // and a list of runs a word were a third of Words.of there (docs/benchmarks.md, thirty-second round).
        int length = key.length();
        while (length > 0 && key.charAt(length - 1) == ' ') {
            length--;
        }
        Set<String> words = new LinkedHashSet<>(16 + length / 3);
        int[] runs = new int[16];
        for (int start = 0; length > 0 && start <= length; ) {
            int space = key.indexOf(' ', start);
            int stop = space < 0 || space > length ? length : space;
            String word = key.substring(start, stop);
            start = stop + 1;
            words.add(cut(word));
            // One pass over the word's code points instead of two regular expressions ([^\p{L}\p{N}]+ at its edges,
            // and between its runs): a replay derives the words of every claim (docs/benchmarks.md, ninth round:
            // the expressions were a fifth of that). WordsTest holds it to the expressions' results.
            int first = -1;
            int end = -1;
            int run = -1;
            int count = 0;
            for (int i = 0; i < word.length(); ) {
                int codePoint = word.codePointAt(i);
                int next = i + Character.charCount(codePoint);
                if (isLetterOrNumber(codePoint)) {
                    first = first < 0 ? i : first;
                    end = next;
                    run = run < 0 ? i : run;
                } else if (run >= 0) {
                    runs = span(runs, count, run, i);
                    count += 2;
                    run = -1;
                }
                i = next;
            }
            if (run >= 0) {
                runs = span(runs, count, run, word.length());
                count += 2;
            }
            if (first >= 0) {
                words.add(cut(word.substring(first, end)));
            }
            for (int r = 0; r < count; r += 2) {
                // A run from the first letter or number to the last is the word without its punctuation, added above.
                if (runs[r] != first || runs[r + 1] != end) {
                    words.add(cut(word.substring(runs[r], runs[r + 1])));
                }
            }
        }
        return words;
    }

    /** {@code spans} with the span from {@code from} to {@code to} at {@code at}, grown if it is full. */
    private static int[] span(int[] spans, int at, int from, int to) {
        int[] into = at + 2 <= spans.length ? spans : Arrays.copyOf(spans, spans.length * 2);
        into[at] = from;
        into[at + 1] = to;
        return into;
    }

    /** Letters and numbers as regular expressions' \p{L} and \p{N} take them: the Unicode general categories L* and N*. */
    private static boolean isLetterOrNumber(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** The whitespace-separated terms of a search, as names compare. */
    static List<String> terms(String text) {
        String key = Names.key(text);
        return key.isEmpty() ? List.of() : Arrays.asList(key.split(" "));
    }

    /** A term as the prefix pattern of a LIKE with escape character backslash. */
    static String prefixPattern(String term) {
        return escape(cut(term)) + "%";
    }

    /**
     * The least string above every word that begins with {@code term} (cut as words are): the term with its last
     * character one higher — in UTF-16 order (H2) and in code point order (PostgreSQL's "C") alike, hence none when
     * that character is a surrogate, U+FFFF or just below the surrogates.
     */
    static Optional<String> successor(String term) {
        String cut = cut(term);
        if (cut.isEmpty()) {
            return Optional.empty();
        }
        char last = cut.charAt(cut.length() - 1);
        if (Character.isSurrogate(last) || Character.isSurrogate((char) (last + 1)) || last == Character.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(cut.substring(0, cut.length() - 1) + (char) (last + 1));
    }

    /** A term as the substring pattern of a LIKE with escape character backslash. */
    static String substringPattern(String term) {
        return "%" + escape(term) + "%";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String cut(String word) {
        return word.length() <= MAX_LENGTH ? word : word.substring(0, MAX_LENGTH);
    }
}
