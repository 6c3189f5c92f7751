package com.claimledger.entities.query;

import com.claimledger.entities.api.EntitiesMerged;
import com.claimledger.entities.api.EntityAliasAdded;
import com.claimledger.entities.api.EntityKind;
import com.claimledger.entities.api.EntityQueries.EntityPage;
import com.claimledger.entities.api.EntityQueries.EveryEntity;
import com.claimledger.entities.api.EntityQueries.FindEntity;
import com.claimledger.entities.api.EntityQueries.FindEntityByName;
import com.claimledger.entities.api.EntityQueries.MembersOfName;
import com.claimledger.entities.api.EntityQueries.ResolveRefs;
import com.claimledger.entities.api.EntityQueries.SearchEntities;
import com.claimledger.entities.api.EntityRef;
import com.claimledger.entities.api.EntityRegistered;
import com.claimledger.entities.api.EntityView;
import com.claimledger.ledger.projection.ProjectionDigest;
import com.claimledger.ledger.projection.QueryStatistics;
import com.claimledger.support.ProjectionDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entity projection against a real database: names and aliases, merges and what they resolve to, search and its
 * pages. The entities are the seed's security services and their other names.
 */
class EntityProjectionTest {

    private ProjectionDatabase db;
    private EntityProjection projection;

    @BeforeEach
    void freshProjection() {
        db = ProjectionDatabase.fresh();
        projection = new EntityProjection(db.jdbc(), 50_000);
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    /**
     * The GKNB and the KNB as registered; the KNB's claim once named "Kazakh security service", which registered a
     * second entity, and later an alias merged it into the KNB.
     */
    private void givenTheSecurityServicesMerged() {
        projection.on(new EntityRegistered("gknb", "GKNB", EntityKind.AGENCY,
                List.of("Kyrgyzstan's security service", "Kyrgyzstan’s security service")));
        projection.on(new EntityRegistered("knb-kazakhstan", "National Security Committee of Kazakhstan", EntityKind.AGENCY,
                List.of("KNB")));
        projection.on(new EntityRegistered("kazakh-security-service", "Kazakh security service", EntityKind.OTHER, List.of()));
        projection.on(new EntityAliasAdded("knb-kazakhstan", "Kazakh security service"));
        projection.on(new EntitiesMerged("knb-kazakhstan", "kazakh-security-service", "Kazakh security service"));
    }

    @Test
    void anEntityIsFoundByIdAndByAnyOfItsNamesComparedByKey() {
        givenTheSecurityServicesMerged();
        EntityView gknb = new EntityView("gknb", "GKNB", EntityKind.AGENCY,
                List.of("Kyrgyzstan's security service", "Kyrgyzstan’s security service"), List.of());

        assertThat(projection.find(new FindEntity("gknb"))).contains(gknb);
        assertThat(projection.findByName(new FindEntityByName("GKNB"))).contains(gknb);
        assertThat(projection.findByName(new FindEntityByName("  gknb "))).contains(gknb);
        assertThat(projection.findByName(new FindEntityByName("kyrgyzstan's   SECURITY service"))).contains(gknb);
        assertThat(projection.findByName(new FindEntityByName("Kyrgyzstan’s security service"))).contains(gknb);
        assertThat(projection.find(new FindEntity("nobody"))).isEmpty();
        assertThat(projection.findByName(new FindEntityByName("Kyrgyz service"))).isEmpty();
    }

    @Test
    void aMergedEntityResolvesToTheCanonicalOneWithEveryNameAndId() {
        givenTheSecurityServicesMerged();
        EntityView knb = new EntityView("knb-kazakhstan", "National Security Committee of Kazakhstan", EntityKind.AGENCY,
                List.of("KNB", "Kazakh security service"), List.of("kazakh-security-service"));

        assertThat(projection.find(new FindEntity("knb-kazakhstan"))).contains(knb);
        assertThat(projection.find(new FindEntity("kazakh-security-service"))).contains(knb);
        assertThat(projection.findByName(new FindEntityByName("kazakh security service"))).contains(knb);
        assertThat(projection.findByName(new FindEntityByName("KNB"))).contains(knb);
        assertThat(knb.memberIds()).containsExactly("knb-kazakhstan", "kazakh-security-service");
    }

    @Test
    void mergesChainAndTheMergedEntitysOwnAliasesComeAlong() {
        projection.on(new EntityRegistered("amirov", "Janbolat Amirov", EntityKind.PERSON, List.of()));
        projection.on(new EntityRegistered("zhanbolat", "Zhanbolat Amirov", EntityKind.OTHER, List.of("Zh. Amirov")));
        projection.on(new EntityRegistered("amirov-j", "J. Amirov", EntityKind.OTHER, List.of()));
        // "J. Amirov" first merged into Zhanbolat, then Zhanbolat into Janbolat
        projection.on(new EntityAliasAdded("zhanbolat", "J. Amirov"));
        projection.on(new EntitiesMerged("zhanbolat", "amirov-j", "J. Amirov"));
        projection.on(new EntityAliasAdded("amirov", "Zhanbolat Amirov"));
        projection.on(new EntitiesMerged("amirov", "zhanbolat", "Zhanbolat Amirov"));

        EntityView amirov = projection.find(new FindEntity("amirov-j")).orElseThrow();
        assertThat(amirov.id()).isEqualTo("amirov");
        assertThat(amirov.name()).isEqualTo("Janbolat Amirov");
        assertThat(amirov.kind()).isEqualTo(EntityKind.PERSON);
        assertThat(amirov.aliases()).containsExactly("Zhanbolat Amirov", "J. Amirov", "Zh. Amirov");
        assertThat(amirov.mergedIds()).containsExactly("amirov-j", "zhanbolat");
        assertThat(projection.findByName(new FindEntityByName("zh. amirov"))).contains(amirov);
        assertThat(projection.refs(new ResolveRefs(List.of("amirov", "zhanbolat", "amirov-j", "unknown"))).byId())
                .isEqualTo(Map.of("amirov", new EntityRef("amirov", "Janbolat Amirov"),
                        "zhanbolat", new EntityRef("amirov", "Janbolat Amirov"),
                        "amirov-j", new EntityRef("amirov", "Janbolat Amirov")));
    }

    @Test
    void refsMapEveryIdToItsCanonicalEntityAndUnknownIdsToThemselves() {
        givenTheSecurityServicesMerged();

        var refs = projection.refs(new ResolveRefs(List.of("gknb", "kazakh-security-service", "no-such-entity")));
        assertThat(refs.byId()).isEqualTo(Map.of("gknb", new EntityRef("gknb", "GKNB"),
                "kazakh-security-service", new EntityRef("knb-kazakhstan", "National Security Committee of Kazakhstan")));
        assertThat(refs.of("no-such-entity")).isEqualTo(new EntityRef("no-such-entity", "no-such-entity"));
        assertThat(projection.refs(new ResolveRefs(List.of())).byId()).isEmpty();
    }

    /**
     * An entity never merged is its own canonical entity: its row alone resolves it, each row read once. Only a merged
     * entity's canonical entity is read besides, and not when it was among those asked (a join of every row to its
     * canonical row was a fifth of a current view's request time at 10^6 entries; docs/benchmarks.md, thirty-fifth
     * round).
     */
    @Test
    void refsReadEachEntityOnceAndACanonicalEntityOnlyForTheMerged() {
        givenTheSecurityServicesMerged();
        // A node that keeps no reference (Known) reads every id it is asked, and the generation before them.
        projection = new EntityProjection(db.jdbc(), 0);

        var unmerged = db.statementsRun(() -> assertThat(projection.refs(new ResolveRefs(List.of("gknb", "knb-kazakhstan")))
                .byId()).containsOnlyKeys("gknb", "knb-kazakhstan"));
        var withItsCanonical = db.statementsRun(() -> assertThat(projection.refs(
                new ResolveRefs(List.of("gknb", "kazakh-security-service", "knb-kazakhstan"))).byId())
                .containsEntry("kazakh-security-service", new EntityRef("knb-kazakhstan",
                        "National Security Committee of Kazakhstan")));
        var merged = db.statementsRun(() -> assertThat(projection.refs(
                new ResolveRefs(List.of("gknb", "kazakh-security-service"))).byId())
                .containsEntry("kazakh-security-service", new EntityRef("knb-kazakhstan",
                        "National Security Committee of Kazakhstan")));

        assertThat(ofEntities(unmerged)).singleElement().satisfies(statement -> {
            assertThat(statement.sql()).doesNotContainIgnoringCase("join");
            assertThat(statement.rows()).isEqualTo(2);
        });
        assertThat(ofEntities(withItsCanonical)).hasSize(1);
        assertThat(ofEntities(merged)).hasSize(2).extracting(QueryStatistics.Statement::rows)
                .containsExactlyInAnyOrder(2L, 1L);
        assertThat(List.of(unmerged, withItsCanonical, merged)).allSatisfy(statements -> assertThat(statements)
                .filteredOn(statement -> statement.sql().contains("projection_generation")).hasSize(1));
    }

    /**
     * What an id resolves to is kept under the entities projection's generation: while it stands, the references kept
     * answer with one lookup of the generation instead of a row an entity (a page of claims names 80-130 entities;
     * docs/benchmarks.md, forty-first round). A merge changes the generation in its own transaction, and what the
     * merged ids resolve to is read again — also by a node that did not handle the merge (another projection on the
     * same database).
     */
    @Test
    void refsAreKeptUnderTheGenerationAndReadAgainOnceAMergeChangedIt() {
        givenTheSecurityServicesMerged();
        projection.on(new EntityRegistered("amirov", "Janbolat Amirov", EntityKind.PERSON, List.of()));
        projection.on(new EntityRegistered("zhanbolat", "Zhanbolat Amirov", EntityKind.PERSON, List.of()));
        List<String> ids = List.of("gknb", "kazakh-security-service", "amirov", "zhanbolat");
        Map<String, EntityRef> before = Map.of("gknb", new EntityRef("gknb", "GKNB"),
                "kazakh-security-service", new EntityRef("knb-kazakhstan", "National Security Committee of Kazakhstan"),
                "amirov", new EntityRef("amirov", "Janbolat Amirov"),
                "zhanbolat", new EntityRef("zhanbolat", "Zhanbolat Amirov"));
        EntityProjection otherNode = new EntityProjection(db.jdbc(), 50_000);

        var first = db.statementsRun(() -> assertThat(projection.refs(new ResolveRefs(ids)).byId()).isEqualTo(before));
        var again = db.statementsRun(() -> assertThat(projection.refs(new ResolveRefs(ids)).byId()).isEqualTo(before));
        assertThat(otherNode.refs(new ResolveRefs(ids)).byId()).isEqualTo(before);

        assertThat(ofEntities(first)).isNotEmpty();
        assertThat(again).as("the generation alone").singleElement().satisfies(statement -> {
            assertThat(statement.sql()).contains("projection_generation");
            assertThat(statement.rows()).isEqualTo(1);
        });

        otherNode.on(new EntitiesMerged("amirov", "zhanbolat", "Zhanbolat Amirov"));
        Map<String, EntityRef> merged = new java.util.HashMap<>(before);
        merged.put("zhanbolat", new EntityRef("amirov", "Janbolat Amirov"));
        assertThat(projection.refs(new ResolveRefs(ids)).byId()).as("the merge, made elsewhere").isEqualTo(merged);
        assertThat(otherNode.refs(new ResolveRefs(ids)).byId()).isEqualTo(merged);

        projection.reset();
        assertThat(otherNode.refs(new ResolveRefs(ids)).byId()).as("nothing after a reset").isEmpty();
    }

    /** The statements that read entity rows, not the projection's generation. */
    private static List<QueryStatistics.Statement> ofEntities(List<QueryStatistics.Statement> statements) {
        return statements.stream().filter(statement -> !statement.sql().contains("projection_generation")).toList();
    }

    /**
     * A claims filter by subject or source asks for the member ids of the entity a name denotes: the same ids, in the
     * same order, as the entity's whole view gives, for every name, alias and merged name, through chains of merges —
     * read in two statements without the entity's names (an eighth of a disputed view's query at 10^6 entries went to
     * reading the whole view; docs/benchmarks.md, thirty-fifth round).
     */
    @Test
    void membersOfANameAreTheIdsOfTheEntityItDenotes() {
        givenTheSecurityServicesMerged();
        projection.on(new EntityRegistered("amirov", "Janbolat Amirov", EntityKind.PERSON, List.of()));
        projection.on(new EntityRegistered("zhanbolat", "Zhanbolat Amirov", EntityKind.OTHER, List.of("Zh. Amirov")));
        projection.on(new EntityRegistered("amirov-j", "J. Amirov", EntityKind.OTHER, List.of()));
        projection.on(new EntityAliasAdded("zhanbolat", "J. Amirov"));
        projection.on(new EntitiesMerged("zhanbolat", "amirov-j", "J. Amirov"));
        projection.on(new EntityAliasAdded("amirov", "Zhanbolat Amirov"));
        projection.on(new EntitiesMerged("amirov", "zhanbolat", "Zhanbolat Amirov"));

        for (String name : List.of("GKNB", "kazakh security service", "KNB", "National Security Committee of Kazakhstan",
                "zh. amirov", "J. Amirov", "Janbolat Amirov", "Kyrgyz service")) {
            assertThat(projection.members(new MembersOfName(name)).ids()).as(name).isEqualTo(projection
                    .findByName(new FindEntityByName(name)).map(EntityView::memberIds).orElse(List.of()));
        }
        assertThat(projection.members(new MembersOfName("J. Amirov")).ids()).containsExactly("amirov", "amirov-j", "zhanbolat");
        assertThat(projection.members(new MembersOfName("Kyrgyz service")).ids()).isEmpty();
        // read, by a node that keeps nothing: two statements besides the generation, neither of them the names'
        EntityProjection keepsNothing = new EntityProjection(db.jdbc(), 0);
        assertThat(ofEntities(db.statementsRun(() -> keepsNothing.members(new MembersOfName("KNB"))))).hasSize(2)
                .noneMatch(statement -> statement.sql().contains("n.position"));
    }

    /**
     * The members of the entity a name denotes are kept under the generation, as the references are: asked again,
     * the generation alone answers. A merge made elsewhere shows at once. A name that denotes nothing is not kept — an
     * alias added later, which leaves the generation alone, gives it an entity.
     */
    @Test
    void membersOfANameAreKeptUnderTheGenerationOnceTheNameDenotesAnEntity() {
        givenTheSecurityServicesMerged();
        projection.on(new EntityRegistered("amirov", "Janbolat Amirov", EntityKind.PERSON, List.of()));
        projection.on(new EntityRegistered("zhanbolat", "Zhanbolat Amirov", EntityKind.PERSON, List.of()));
        EntityProjection otherNode = new EntityProjection(db.jdbc(), 50_000);

        var first = db.statementsRun(() -> assertThat(projection.members(new MembersOfName("zhanbolat amirov")).ids())
                .containsExactly("zhanbolat"));
        var again = db.statementsRun(() -> assertThat(projection.members(new MembersOfName("Zhanbolat  Amirov")).ids())
                .containsExactly("zhanbolat"));
        assertThat(ofEntities(first)).hasSize(2);
        assertThat(again).as("the generation alone").singleElement()
                .satisfies(statement -> assertThat(statement.sql()).contains("projection_generation"));

        assertThat(projection.members(new MembersOfName("Zh. Amirov")).ids()).isEmpty();
        otherNode.on(new EntityAliasAdded("zhanbolat", "Zh. Amirov"));
        assertThat(projection.members(new MembersOfName("Zh. Amirov")).ids()).as("an alias added elsewhere")
                .containsExactly("zhanbolat");

        otherNode.on(new EntitiesMerged("amirov", "zhanbolat", "Zhanbolat Amirov"));
        assertThat(projection.members(new MembersOfName("Zhanbolat Amirov")).ids()).as("the merge, made elsewhere")
                .containsExactly("amirov", "zhanbolat");
        assertThat(projection.members(new MembersOfName("Zh. Amirov")).ids()).containsExactly("amirov", "zhanbolat");

        otherNode.reset();
        assertThat(projection.members(new MembersOfName("Zhanbolat Amirov")).ids()).as("nothing after a reset").isEmpty();
    }

    @Test
    void searchFindsCanonicalEntitiesByAnyPartOfAnyNameInNameOrder() {
        givenTheSecurityServicesMerged();
        projection.on(new EntityRegistered("amirov", "Janbolat Amirov", EntityKind.PERSON, List.of()));

        assertThat(names(projection.search(new SearchEntities(null, 10, null))))
                .containsExactly("GKNB", "Janbolat Amirov", "National Security Committee of Kazakhstan");
        assertThat(names(projection.search(new SearchEntities("SECURITY", 10, null))))
                .containsExactly("GKNB", "National Security Committee of Kazakhstan");
        // by the name of the merged entity: its canonical entity, once
        assertThat(names(projection.search(new SearchEntities("kazakh security", 10, null))))
                .containsExactly("National Security Committee of Kazakhstan");
        assertThat(names(projection.search(new SearchEntities("amir", 10, null)))).containsExactly("Janbolat Amirov");
        assertThat(names(projection.search(new SearchEntities("Bishkek", 10, null)))).isEmpty();
    }

    @Test
    void pagesOfTheSearchHaveNeitherDuplicatesNorOmissions() {
        // two entities named alike (names are keys of names, not of entities: only exact names are unique)
        List<String> names = List.of("Kazakh group", "agency b", "Agency A", "Bishkek", "agency  c", "Almaty", "kazakh group cell");
        for (int i = 0; i < names.size(); i++) {
            projection.on(new EntityRegistered("e" + (names.size() - i), names.get(i), EntityKind.OTHER, List.of()));
        }
        List<String> all = List.of("Agency A", "agency b", "agency  c", "Almaty", "Bishkek", "Kazakh group", "kazakh group cell");
        assertThat(names(projection.search(new SearchEntities(null, 100, null)))).containsExactlyElementsOf(all);

        for (int size = 1; size <= all.size() + 1; size++) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                EntityPage page = projection.search(new SearchEntities(null, size, cursor));
                assertThat(page.items().size()).isLessThanOrEqualTo(size);
                seen.addAll(names(page));
                cursor = page.next();
            } while (cursor != null && ++pages < 20);
            assertThat(seen).as("limit %d", size).containsExactlyElementsOf(all);
        }
    }

    @Test
    void everyEntityIsWhatTheSearchPagesThroughInOneAnswerCutAtItsLimit() {
        givenTheSecurityServicesMerged();
        projection.on(new EntityRegistered("amirov", "Janbolat Amirov", EntityKind.PERSON, List.of()));
        projection.on(new EntityRegistered("zhanbolat", "Zhanbolat Amirov", EntityKind.OTHER, List.of("Zh. Amirov")));
        projection.on(new EntityAliasAdded("amirov", "Zhanbolat Amirov"));
        projection.on(new EntitiesMerged("amirov", "zhanbolat", "Zhanbolat Amirov"));
        projection.on(new EntityRegistered("almaty", "Almaty", EntityKind.PLACE, List.of("Алматы")));
        List<EntityView> paged = new ArrayList<>();
        String cursor = null;
        do {
            EntityPage page = projection.search(new SearchEntities(null, 2, cursor));
            paged.addAll(page.items());
            cursor = page.next();
        } while (cursor != null);

        // The same views (names, aliases, merged ids) in the same order, each canonical entity once.
        EntityPage every = projection.every(new EveryEntity(100));
        assertThat(every.items()).isEqualTo(paged).hasSize(4);
        assertThat(every.next()).isNull();
        assertThat(every.items().get(2).aliases()).containsExactly("Zhanbolat Amirov", "Zh. Amirov");
        assertThat(projection.every(new EveryEntity(3)).items()).isEqualTo(paged.subList(0, 3));
        assertThat(projection.every(new EveryEntity(4)).items()).isEqualTo(paged);
    }

    @Test
    void theResetEmptiesTheTablesAndTheDigestFollowsTheEvents() {
        givenTheSecurityServicesMerged();
        ProjectionDatabase other = ProjectionDatabase.fresh();
        try {
            EntityProjection same = new EntityProjection(other.jdbc(), 50_000);
            same.on(new EntityRegistered("gknb", "GKNB", EntityKind.AGENCY,
                    List.of("Kyrgyzstan's security service", "Kyrgyzstan’s security service")));
            same.on(new EntityRegistered("knb-kazakhstan", "National Security Committee of Kazakhstan", EntityKind.AGENCY,
                    List.of("KNB")));
            same.on(new EntityRegistered("kazakh-security-service", "Kazakh security service", EntityKind.OTHER, List.of()));
            same.on(new EntityAliasAdded("knb-kazakhstan", "Kazakh security service"));
            ProjectionDigest.Part beforeTheMerge = same.digest(new ProjectionDigest.Ask());
            assertThat(beforeTheMerge).isNotEqualTo(projection.digest(new ProjectionDigest.Ask()));
            same.on(new EntitiesMerged("knb-kazakhstan", "kazakh-security-service", "Kazakh security service"));
            assertThat(same.digest(new ProjectionDigest.Ask())).isEqualTo(projection.digest(new ProjectionDigest.Ask()));
            assertThat(same.digest(new ProjectionDigest.Ask()).projection()).isEqualTo("entities");

            projection.reset();
            assertThat(db.count("entity_view")).isZero();
            assertThat(db.count("entity_name")).isZero();
            assertThat(projection.findByName(new FindEntityByName("GKNB"))).isEmpty();
        } finally {
            other.close();
        }
    }

    private static List<String> names(EntityPage page) {
        return page.items().stream().map(EntityView::name).toList();
    }
}
