package com.claimledger.support;

import com.claimledger.kernel.LedgerException;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;

/** Matches the refusal an aggregate throws by its kind (and so by the HTTP status it becomes). */
public final class Refusals {

    private Refusals() {
    }

    public static Matcher<Object> kind(LedgerException.Kind kind) {
        Matcher<LedgerException> hasKind = new FeatureMatcher<>(equalTo(kind), "a LedgerException of kind", "kind") {
            @Override
            protected LedgerException.Kind featureValueOf(LedgerException actual) {
                return actual.kind();
            }
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Matcher<Object> matcher = (Matcher) allOf(instanceOf(LedgerException.class), hasKind);
        return matcher;
    }
}
