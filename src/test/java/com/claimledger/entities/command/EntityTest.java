package com.claimledger.entities.command;

import com.claimledger.entities.api.AddEntityAlias;
import com.claimledger.entities.api.EntitiesMerged;
import com.claimledger.entities.api.EntityAliasAdded;
import com.claimledger.entities.api.EntityKind;
import com.claimledger.entities.api.EntityLookup;
import com.claimledger.entities.api.EntityRegistered;
import com.claimledger.entities.api.RegisterEntity;
import com.claimledger.kernel.LedgerException;
import com.claimledger.kernel.Names;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.claimledger.support.Refusals.kind;
import static org.hamcrest.Matchers.containsString;

class EntityTest {

    private static final String ID = "gknb";
    private static final EntityRegistered GKNB = new EntityRegistered(ID, "GKNB", EntityKind.AGENCY,
            List.of("State Committee for National Security"));

    private FixtureConfiguration<Entity> fixture;
    private FakeEntityLookup lookup;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Entity.class);
        lookup = new FakeEntityLookup();
        fixture.registerInjectableResource(lookup);
    }

    // --- RegisterEntity -------------------------------------------------------------------------------------------

    @Test
    void registerRecordsTheEntity() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEntity(ID, "GKNB", EntityKind.AGENCY, List.of("State Committee for National Security")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(GKNB);
    }

    @Test
    void registerWithoutAliasesRecordsAnEmptyAliasList() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEntity("amirov", "Janbolat Amirov", EntityKind.PERSON, null))
                .expectEvents(new EntityRegistered("amirov", "Janbolat Amirov", EntityKind.PERSON, List.of()));
    }

    @Test
    void registerTrimsTheNameAndDeduplicatesAliasesCaseInsensitivelyWithoutRepeatingTheName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEntity(ID, "  GKNB ", EntityKind.AGENCY,
                        List.of("gknb", " State Committee for National Security ", "STATE COMMITTEE FOR NATIONAL SECURITY",
                                "ГКНБ", " Gknb ")))
                .expectEvents(new EntityRegistered(ID, "GKNB", EntityKind.AGENCY,
                        List.of("State Committee for National Security", "ГКНБ")));
    }

    @Test
    void identicalRepeatOfARegistrationRecordsNothing() {
        fixture.given(GKNB)
                .when(new RegisterEntity(ID, "GKNB", EntityKind.AGENCY, List.of("State Committee for National Security")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void repeatThatDiffersOnlyInAliasDuplicatesIsStillIdentical() {
        fixture.given(GKNB)
                .when(new RegisterEntity(ID, "GKNB ", EntityKind.AGENCY,
                        List.of(" State Committee for National Security", "gknb", "STATE COMMITTEE FOR NATIONAL SECURITY")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void repeatWithAnotherKindIsAConflict() {
        fixture.given(GKNB)
                .when(new RegisterEntity(ID, "GKNB", EntityKind.ORGANIZATION, List.of("State Committee for National Security")))
                .expectException(LedgerException.class)
                .expectException(kind(LedgerException.Kind.CONFLICT))
                .expectExceptionMessage(containsString("entity 'gknb' already exists with other content"))
                .expectNoEvents();
    }

    @Test
    void repeatWithOtherAliasesIsAConflict() {
        fixture.given(GKNB)
                .when(new RegisterEntity(ID, "GKNB", EntityKind.AGENCY, List.of("KNB")))
                .expectException(LedgerException.class)
                .expectException(kind(LedgerException.Kind.CONFLICT))
                .expectExceptionMessage(containsString("already exists with other content"))
                .expectNoEvents();
    }

    @Test
    void repeatWithAnotherNameIsAConflict() {
        fixture.given(GKNB)
                .when(new RegisterEntity(ID, "KNB", EntityKind.AGENCY, List.of("State Committee for National Security")))
                .expectException(kind(LedgerException.Kind.CONFLICT))
                .expectExceptionMessage(containsString("already exists with other content"))
                .expectNoEvents();
    }

    @Test
    void nameOwnedByAnotherEntityIsAConflict() {
        lookup.own("other-agency", "GKNB");
        fixture.givenNoPriorActivity()
                .when(new RegisterEntity(ID, "gknb", EntityKind.AGENCY, List.of()))
                .expectException(LedgerException.class)
                .expectException(kind(LedgerException.Kind.CONFLICT))
                .expectExceptionMessage(containsString("the name 'gknb' already belongs to entity 'other-agency'"))
                .expectNoEvents();
    }

    @Test
    void aliasOwnedByAnotherEntityIsAConflict() {
        lookup.own("kazakh-knb", "State Committee for National Security");
        fixture.givenNoPriorActivity()
                .when(new RegisterEntity(ID, "GKNB", EntityKind.AGENCY, List.of("State Committee for National Security")))
                .expectException(LedgerException.class)
                .expectException(kind(LedgerException.Kind.CONFLICT))
                .expectExceptionMessage(containsString(
                        "the name 'State Committee for National Security' already belongs to entity 'kazakh-knb'"))
                .expectNoEvents();
    }

    // --- AddEntityAlias -------------------------------------------------------------------------------------------

    @Test
    void newAliasIsAdded() {
        lookup.own(ID, "GKNB", "State Committee for National Security");
        fixture.given(GKNB)
                .when(new AddEntityAlias(ID, " ГКНБ "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EntityAliasAdded(ID, "ГКНБ"));
    }

    @Test
    void aliasThatIsAlreadyThisEntitysOwnRecordsNothing() {
        lookup.own(ID, "GKNB", "State Committee for National Security");
        fixture.given(GKNB)
                .when(new AddEntityAlias(ID, "state committee for national security"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aliasThatIsThisEntitysNameRecordsNothing() {
        lookup.own(ID, "GKNB", "State Committee for National Security");
        fixture.given(GKNB)
                .when(new AddEntityAlias(ID, "gknb"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aliasOwnedByAnotherEntityMergesThatEntityIntoThisOne() {
        lookup.own(ID, "GKNB", "State Committee for National Security");
        lookup.own("knb-kg", "KNB");
        fixture.given(GKNB)
                .when(new AddEntityAlias(ID, " knb "))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EntitiesMerged(ID, "knb-kg", "knb"));
    }

    @Test
    void aliasOnAnEntityMergedIntoAnotherIsAConflict() {
        lookup.own("knb-kg", "KNB");
        lookup.merge(ID, "knb-kg");
        fixture.given(GKNB)
                .when(new AddEntityAlias(ID, "ГКНБ"))
                .expectException(LedgerException.class)
                .expectException(kind(LedgerException.Kind.CONFLICT))
                .expectExceptionMessage(containsString("entity 'gknb' was merged into 'knb-kg'"))
                .expectNoEvents();
    }

    // --- helpers --------------------------------------------------------------------------------------------------
    /** Names by {@link Names#key}, and merges: the write side's name registry, in memory. */
    static final class FakeEntityLookup implements EntityLookup {

        private final Map<String, String> ownerByName = new HashMap<>();
        private final Map<String, String> canonicalById = new HashMap<>();

        void own(String entityId, String... names) {
            canonicalById.putIfAbsent(entityId, entityId);
            for (String name : names) {
                ownerByName.put(Names.key(name), entityId);
            }
        }

        void merge(String mergedId, String intoId) {
            canonicalById.put(mergedId, intoId);
            ownerByName.replaceAll((name, owner) -> owner.equals(mergedId) ? intoId : owner);
        }

        @Override
        public Optional<String> ownerOfName(String name) {
            return Optional.ofNullable(ownerByName.get(Names.key(name)));
        }

        @Override
        public Optional<String> canonicalOf(String entityId) {
            return Optional.ofNullable(canonicalById.get(entityId));
        }
    }
}
