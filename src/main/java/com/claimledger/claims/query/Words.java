package com.claimledger.claims.query;

import com.claimledger.kernel.Names;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words full-text search finds a wording by: after the names' normalisation, each whitespace-separated word
 * ("%_", "\"amirov's"), the same without the punctuation around it ("amirov's"), and each run of letters and digits
 * within it ("amirov", "s"), so that a term matches a word it begins, whatever punctuation surrounds it.
 */
final class Words {

    static final int MAX_LENGTH = 200;

    // Compiled once: String.replaceAll and split compiled them for every word of every claim (a tenth of a replay's
    // time in stack samples at 10^5 claims went to indexing words).
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");
    private static final Pattern BETWEEN_RUNS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Words() {
    }

    static Set<String> of(String statement, String quote) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : terms(statement + " " + (quote == null ? "" : quote))) {
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
