package com.claimledger.kernel;

import java.text.Normalizer;
import java.util.Locale;

/** How names and aliases are compared: trimmed, Unicode-normalised, case-insensitive, inner white space folded. */
public final class Names {

    private Names() {
    }

    public static String key(String name) {
        String normalized = Normalizer.normalize(name.strip(), Normalizer.Form.NFKC);
        return normalized.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
