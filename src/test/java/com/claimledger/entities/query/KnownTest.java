package com.claimledger.entities.query;

import com.claimledger.entities.api.EntityRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a node keeps (here entity references): only under the generation they were read under, and no more than it may keep. */
class KnownTest {

    private static final EntityRef GKNB = new EntityRef("gknb", "GKNB");
    private static final EntityRef KNB = new EntityRef("knb-kazakhstan", "National Security Committee of Kazakhstan");
    private static final EntityRef AMIROV = new EntityRef("amirov", "Janbolat Amirov");

    @Test
    void referencesAreKnownUnderTheGenerationTheyWereReadUnderOnly() {
        Known<EntityRef> known = new Known<>(10);
        assertThat(known.known(7, List.of("gknb"))).isEmpty();
        known.keep(7, Map.of("gknb", GKNB, "kazakh-security-service", KNB));
        assertThat(known.known(7, List.of("gknb", "kazakh-security-service", "amirov")))
                .isEqualTo(Map.of("gknb", GKNB, "kazakh-security-service", KNB));

        assertThat(known.known(-3, List.of("gknb"))).as("another generation").isEmpty();
        known.keep(7, Map.of("amirov", AMIROV));
        assertThat(known.known(-3, List.of("gknb", "amirov"))).as("what was read under the one before").isEmpty();
        assertThat(known.known(7, List.of("gknb", "amirov"))).as("forgotten, not restored").isEmpty();
    }

    @Test
    void pastItsCapacityANodeStartsAgainFromWhatItJustRead() {
        Known<EntityRef> known = new Known<>(2);
        known.known(1, List.of());
        known.keep(1, Map.of("gknb", GKNB, "kazakh-security-service", KNB));
        known.keep(1, Map.of("amirov", AMIROV));
        assertThat(known.known(1, List.of("gknb", "kazakh-security-service", "amirov")))
                .isEqualTo(Map.of("amirov", AMIROV));
        known.keep(1, Map.of("gknb", GKNB, "kazakh-security-service", KNB, "zhanbolat", AMIROV));
        assertThat(known.known(1, List.of("gknb", "zhanbolat", "amirov"))).as("more than it may keep: kept none")
                .isEqualTo(Map.of("amirov", AMIROV));
        assertThat(new Known<EntityRef>(0)).satisfies(none -> {
            none.known(1, List.of());
            none.keep(1, Map.of("gknb", GKNB));
            assertThat(none.known(1, List.of("gknb"))).isEmpty();
        });
    }
}
