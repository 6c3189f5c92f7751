package com.claimledger.kernel;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** How names and aliases are compared: trimmed, Unicode-normalised, case-insensitive, inner white space folded. */
public final class Names {

    /** Compiled once: {@code String.replaceAll} compiles its pattern on every call, and every claim's words pass here. */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private Names() {
    }

    public static String key(String name) {
        String normalized = Normalizer.normalize(name.strip(), Normalizer.Form.NFKC);
        return foldWhiteSpace(normalized).toLowerCase(Locale.ROOT);
    }

    /**
     * Each run of white space ({@code \s}: space, tab, line feed, vertical tab, form feed, carriage return) as one
     * space. Most texts have none to fold — single spaces only — and are returned as they are after one pass over their
     * characters: a replay derives the words of every claim through here (docs/benchmarks.md, thirteenth round), and a
     * matcher a call was a sixth of that.
     */
    static String foldWhiteSpace(String text) {
        boolean previousSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ';
            if (c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || (space && previousSpace)) {
                return WHITE_SPACE.matcher(text).replaceAll(" ");
            }
            previousSpace = space;
        }
        return text;
    }
}
