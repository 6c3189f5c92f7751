package com.claimledger.entities.query;

import com.claimledger.entities.api.EntitiesMerged;
import com.claimledger.entities.api.EntityAliasAdded;
import com.claimledger.entities.api.EntityKind;
import com.claimledger.entities.api.EntityQueries.EntityPage;
import com.claimledger.entities.api.EntityQueries.EveryEntity;
import com.claimledger.entities.api.EntityQueries.FindEntity;
import com.claimledger.entities.api.EntityQueries.FindEntityByName;
import com.claimledger.entities.api.EntityQueries.Members;
import com.claimledger.entities.api.EntityQueries.MembersOfName;
import com.claimledger.entities.api.EntityQueries.Refs;
import com.claimledger.entities.api.EntityQueries.ResolveRefs;
import com.claimledger.entities.api.EntityQueries.SearchEntities;
import com.claimledger.entities.api.EntityRef;
import com.claimledger.entities.api.EntityRegistered;
import com.claimledger.entities.api.EntityView;
import com.claimledger.kernel.Names;
import com.claimledger.ledger.projection.PageCursor;
import com.claimledger.ledger.projection.ProjectionGeneration;
import com.claimledger.ledger.projection.ProjectionDigest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Entities with every name they go by and the merges between them, answering the entity queries. */
@Component
@ProcessingGroup(EntityProjection.GROUP)
class EntityProjection {

    static final String GROUP = "entities";

    private final NamedParameterJdbcTemplate jdbc;
    private final ProjectionGeneration generation;
    /** Entity ids' references, by id. */
    private final Known<EntityRef> known;
    /** The member ids of the entity a name denotes, by the name's key ({@link Names#key}); only names that denote one. */
    private final Known<List<String>> knownMembers;

    EntityProjection(NamedParameterJdbcTemplate jdbc, @Value("${ledger.entities.known-refs:50000}") int knownRefs) {
        this.jdbc = jdbc;
        this.generation = new ProjectionGeneration(jdbc, GROUP);
        this.known = new Known<>(knownRefs);
        this.knownMembers = new Known<>(knownRefs);
    }

    @EventHandler
    void on(EntityRegistered event) {
        jdbc.update("""
                insert into entity_view (entity_id, name, sort_key, kind, canonical_id)
                values (:id, :name, :key, :kind, :id)""", new MapSqlParameterSource()
                .addValue("id", event.entityId()).addValue("name", event.name())
                .addValue("key", Names.key(event.name())).addValue("kind", event.kind().name()));
        addName(event.entityId(), event.name(), 0);
        for (int i = 0; i < event.aliases().size(); i++) {
            addName(event.entityId(), event.aliases().get(i), i + 1);
        }
    }

    @EventHandler
    void on(EntityAliasAdded event) {
        Integer next = jdbc.queryForObject("select coalesce(max(position), -1) + 1 from entity_name where entity_id = :id",
                Map.of("id", event.entityId()), Integer.class);
        addName(event.entityId(), event.alias(), next);
    }

    @EventHandler
    void on(EntitiesMerged event) {
        jdbc.update("update entity_view set canonical_id = :canonical where canonical_id = :merged",
                Map.of("canonical", event.entityId(), "merged", event.mergedEntityId()));
        // What the merged ids resolve to changed: every node forgets the references it keeps (refs).
        generation.change();
    }

    @QueryHandler
    ProjectionDigest.Part digest(ProjectionDigest.Ask query) {
        return ProjectionDigest.of(GROUP, jdbc.getJdbcTemplate(), List.of(new ProjectionDigest.Table("entity_view"),
                new ProjectionDigest.Table("entity_name")));
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from entity_name", Map.of());
        jdbc.update("delete from entity_view", Map.of());
        generation.change();
    }

    private void addName(String entityId, String name, int position) {
        jdbc.update("insert into entity_name (entity_id, position, name, name_key) values (:id, :position, :name, :key)",
                Map.of("id", entityId, "position", position, "name", name, "key", Names.key(name)));
    }

    @QueryHandler
    Optional<EntityView> find(FindEntity query) {
        return jdbc.queryForList("select canonical_id from entity_view where entity_id = :id",
                Map.of("id", query.entityId()), String.class).stream().findFirst().map(this::view);
    }

    @QueryHandler
    Optional<EntityView> findByName(FindEntityByName query) {
        return canonicalOf(query.name()).map(this::view);
    }

    /**
     * The member ids of the entity a name denotes — the same entity {@link #findByName} answers — read from the
     * canonical entity's index alone: a claims filter needs no names, aliases or kind, and reading the whole view for
     * it was an eighth of a disputed view's query at 10^6 entries (docs/benchmarks.md, thirty-fifth round).
     * <p>
     * Kept under the generation, as the references are ({@link #refs}), once a name denotes an entity: a name belongs
     * to one entity for good (the entity directory's key), and which entity that is, and its members, change only
     * with a merge. A name that denotes none is read every time — a registration or an alias, which leave the
     * generation alone, can give it one.
     */
    @QueryHandler
    Members members(MembersOfName query) {
        String key = Names.key(query.name());
        long now = generation.current();
        List<String> kept = knownMembers.known(now, List.of(key)).get(key);
        if (kept != null) {
            return new Members(kept);
        }
        Optional<String> canonical = canonicalOf(query.name());
        if (canonical.isEmpty()) {
            return new Members(List.of());
        }
        List<String> ids = List.copyOf(jdbc.queryForList("""
                select entity_id from entity_view where canonical_id = :id
                order by case when entity_id = canonical_id then 0 else 1 end, entity_id""",
                Map.of("id", canonical.get()), String.class));
        knownMembers.keep(now, Map.of(key, ids));
        return new Members(ids);
    }

    /** The canonical entity a name or alias denotes, if any. */
    private Optional<String> canonicalOf(String name) {
        return jdbc.queryForList("""
                select v.canonical_id from entity_name n join entity_view v on v.entity_id = n.entity_id
                where n.name_key = :key""", Map.of("key", Names.key(name)), String.class).stream().findFirst();
    }

    @QueryHandler
    EntityPage search(SearchEntities query) {
        var params = new MapSqlParameterSource().addValue("limit", query.limit() + 1)
                .addValue("pattern", query.q() == null ? null : "%" + Names.key(query.q()) + "%");
        String after = "";
        if (query.cursor() != null) {
            List<String> key = PageCursor.decode(query.cursor(), 2);
            params.addValue("afterKey", key.get(0)).addValue("afterId", key.get(1));
            after = " and (c.sort_key > :afterKey or (c.sort_key = :afterKey and c.entity_id > :afterId))";
        }
        String match = query.q() == null ? "" : " " + """
                and exists (select 1 from entity_name n join entity_view m on m.entity_id = n.entity_id
                             where m.canonical_id = c.entity_id and n.name_key like :pattern)""";
        List<String> ids = jdbc.queryForList("select c.entity_id from entity_view c where c.entity_id = c.canonical_id"
                + match + after + " order by c.sort_key, c.entity_id limit :limit", params, String.class);
        List<EntityView> items = views(ids.stream().limit(query.limit()).toList(), false);
        String next = ids.size() > query.limit()
                ? PageCursor.encode(Names.key(items.get(items.size() - 1).name()), items.get(items.size() - 1).id())
                : null;
        return new EntityPage(items, next);
    }

    @QueryHandler
    EntityPage every(EveryEntity query) {
        List<String> ids = jdbc.queryForList("""
                select entity_id from entity_view where entity_id = canonical_id order by sort_key, entity_id
                limit :limit""", Map.of("limit", query.atMost() + 1), String.class);
        boolean cut = ids.size() > query.atMost();
        return new EntityPage(views(cut ? ids.subList(0, query.atMost()) : ids, !cut), null);
    }

    /**
     * Each id's canonical entity and its name: those this node keeps under the projection's generation ({@link
     * Known}: one lookup of the generation instead of 80-130 rows for a page of claims), the others read and
     * kept. The generation is read first, so that what is read after it is at least as new.
     */
    @QueryHandler
    Refs refs(ResolveRefs query) {
        if (query.entityIds().isEmpty()) {
            return new Refs(Map.of());
        }
        long now = generation.current();
        Map<String, EntityRef> refs = new HashMap<>(known.known(now, query.entityIds()));
        List<String> unknown = query.entityIds().stream().filter(id -> !refs.containsKey(id)).distinct().toList();
        if (!unknown.isEmpty()) {
            Map<String, EntityRef> read = read(unknown);
            known.keep(now, read);
            refs.putAll(read);
        }
        return new Refs(refs);
    }

    /**
     * Each id's canonical entity and its name, from the database. An entity never merged into another is its own
     * canonical entity, so its row alone answers: only the canonical entities of merged ones are read, and only those
     * not read already. A join of every row to its canonical row read each entity twice, where almost none is merged:
     * a fifth of a current view's request time at 10^6 entries went to it (docs/benchmarks.md, thirty-fifth round).
     */
    private Map<String, EntityRef> read(List<String> ids) {
        Map<String, EntityRef> refs = new HashMap<>();
        Map<String, String> canonicals = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        jdbc.query("select entity_id, canonical_id, name from entity_view where entity_id in (:ids)",
                Map.of("ids", ids), rs -> {
                    canonicals.put(rs.getString("entity_id"), rs.getString("canonical_id"));
                    names.put(rs.getString("entity_id"), rs.getString("name"));
                });
        List<String> unread = canonicals.values().stream().filter(id -> !names.containsKey(id)).distinct().toList();
        if (!unread.isEmpty()) {
            jdbc.query("select entity_id, name from entity_view where entity_id in (:ids)", Map.of("ids", unread),
                    rs -> {
                        names.put(rs.getString("entity_id"), rs.getString("name"));
                    });
        }
        canonicals.forEach((id, canonical) -> {
            // A canonical row missing (none should be) leaves the id unresolved, as the join did.
            if (names.containsKey(canonical)) {
                refs.put(id, new EntityRef(canonical, names.get(canonical)));
            }
        });
        return refs;
    }

    private EntityView view(String canonicalId) {
        return views(List.of(canonicalId), false).get(0);
    }

    /**
     * The entities with these canonical ids, in their order: two statements for the lot, not two an entity (a page of
     * 500 took 1,000 statements). With {@code every} (the ids are every canonical entity), the statements read the
     * tables whole rather than by a list of ids: the claim finder and the name suggestions read every entity, and 77
     * pages of 500 ids at 10^6 entries took some 2.5 s (twenty-sixth round).
     */
    private List<EntityView> views(List<String> canonicalIds, boolean every) {
        if (canonicalIds.isEmpty()) {
            return List.of();
        }
        Map<String, String[]> rows = new HashMap<>();
        jdbc.query("select entity_id, name, kind from entity_view" + (every ? "" : " where entity_id in (:ids)"),
                Map.of("ids", canonicalIds),
                rs -> {
                    rows.put(rs.getString("entity_id"), new String[] {rs.getString("name"), rs.getString("kind")});
                });
        Map<String, Map<String, String>> aliases = new HashMap<>();
        Map<String, List<String>> mergedIds = new HashMap<>();
        // Each entity's own names first, then its merged members' by id, each member's in position order.
        jdbc.query("""
                select m.canonical_id, m.entity_id, n.name, n.name_key from entity_view m
                join entity_name n on n.entity_id = m.entity_id""" + (every ? "" : " where m.canonical_id in (:ids)") + """

                order by m.canonical_id, case when m.entity_id = m.canonical_id then 0 else 1 end, m.entity_id, n.position""",
                Map.of("ids", canonicalIds), rs -> {
                    String canonicalId = rs.getString("canonical_id");
                    String member = rs.getString("entity_id");
                    List<String> merged = mergedIds.computeIfAbsent(canonicalId, id -> new ArrayList<>());
                    if (!member.equals(canonicalId) && !merged.contains(member)) {
                        merged.add(member);
                    }
                    aliases.computeIfAbsent(canonicalId, id -> new LinkedHashMap<>())
                            .putIfAbsent(rs.getString("name_key"), rs.getString("name"));
                });
        List<EntityView> views = new ArrayList<>();
        for (String canonicalId : canonicalIds) {
            String[] row = rows.get(canonicalId);
            if (row == null) {
                throw new org.springframework.dao.EmptyResultDataAccessException(1);
            }
            Map<String, String> names = aliases.getOrDefault(canonicalId, new LinkedHashMap<>());
            names.remove(Names.key(row[0]));
            views.add(new EntityView(canonicalId, row[0], EntityKind.valueOf(row[1]), List.copyOf(names.values()),
                    List.copyOf(mergedIds.getOrDefault(canonicalId, List.of()))));
        }
        return views;
    }
}
