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
        return WHITE_SPACE.matcher(normalized).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
