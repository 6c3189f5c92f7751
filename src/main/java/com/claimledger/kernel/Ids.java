package com.claimledger.kernel;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids of entities, articles and claims: clients may choose them (SPEC section 2), else the ledger assigns a UUID. */
public final class Ids {

    /** The form of a client-supplied id. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
    private static final Pattern FORM = Pattern.compile(PATTERN);

    private Ids() {
    }

    /** The client's id, or a new UUID when it gave none. */
    public static String orNew(String id) {
        return id == null ? UUID.randomUUID().toString() : id;
    }

    public static boolean wellFormed(String id) {
        return id != null && FORM.matcher(id).matches();
    }
}
