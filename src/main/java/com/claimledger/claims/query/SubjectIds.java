package com.claimledger.claims.query;

import java.util.Arrays;
import java.util.List;

/**
 * A claim's subjects as one column of its claim_view row ({@code subject_ids}): the entity ids in order, separated by
 * a space, which no id holds (SPEC section 2: {@code [A-Za-z0-9][A-Za-z0-9._-]*}); null for none.
 */
final class SubjectIds {

    private SubjectIds() {
    }

    static String join(List<String> entityIds) {
        return entityIds.isEmpty() ? null : String.join(" ", entityIds);
    }

    static List<String> split(String column) {
        return column == null || column.isEmpty() ? List.of() : Arrays.asList(column.split(" "));
    }
}
