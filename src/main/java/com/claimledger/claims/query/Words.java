package com.claimledger.claims.query;

import com.claimledger.kernel.Names;

import java.util.ArrayList;
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
        Set<String> words = new LinkedHashSet<>();
        for (String word : terms(statement + " " + (quote == null ? "" : quote))) {
            words.add(cut(word));
            // One pass over the word's code points instead of two regular expressions ([^\p{L}\p{N}]+ at its edges,
            // and between its runs): a replay derives the words of every claim (docs/benchmarks.md, ninth round:
            // the expressions were a fifth of that). WordsTest holds it to the expressions' results.
            int first = -1;
            int end = -1;
            int run = -1;
            List<String> runs = new ArrayList<>(2);
            for (int i = 0; i < word.length(); ) {
                int codePoint = word.codePointAt(i);
                int next = i + Character.charCount(codePoint);
                if (isLetterOrNumber(codePoint)) {
                    first = first < 0 ? i : first;
                    end = next;
                    run = run < 0 ? i : run;
                } else if (run >= 0) {
                    runs.add(word.substring(run, i));
                    run = -1;
                }
                i = next;
            }
            if (run >= 0) {
                runs.add(word.substring(run));
            }
            if (first >= 0) {
                words.add(cut(word.substring(first, end)));
            }
            runs.forEach(piece -> words.add(cut(piece)));
        }
        return words;
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
