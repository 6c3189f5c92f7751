package com.claimledger.entities.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Queries answered by the entity projection. */
public final class EntityQueries {

    private EntityQueries() {
    }

    /** By id; a merged id answers its canonical entity. */
    public record FindEntity(String entityId) {
    }

    /** By any name or alias. */
    public record FindEntityByName(String name) {
    }

    /**
     * Every id whose claims count as the entity a name or alias denotes, as {@link EntityView#memberIds()} gives them
     * (the canonical id, then the merged ones'), without the rest of its view: for the claims' subject and source
     * filters. Empty if the name is unknown.
     */
    public record MembersOfName(String name) {
    }

    public record Members(List<String> ids) {
    }

    /** Canonical entities whose name or an alias contains {@code q} (all when blank), ordered by name. */
    public record SearchEntities(String q, int limit, String cursor) {
    }

    public record EntityPage(List<EntityView> items, String next) {
    }

    /**
     * The first {@code atMost} canonical entities in name order (as {@link SearchEntities} pages them), in one answer
     * read with two statements: for the reads that compare every entity (the claim finder, the name suggestions).
     * {@code next} is null; the answer is cut at {@code atMost}.
     */
    public record EveryEntity(int atMost) {
    }

    /** The canonical id and name for each given id. */
    public record ResolveRefs(Collection<String> entityIds) {
    }

    public record Refs(Map<String, EntityRef> byId) {

        public EntityRef of(String id) {
            return byId.getOrDefault(id, new EntityRef(id, id));
        }
    }

    /**
     * Track records for canonical entities, each given with every id merged into it. Answered by the claims
     * side, which owns claim statuses; the entity side does not depend on it.
     */
    public record RecordsOf(Map<String, List<String>> memberIdsByEntity) {
    }

    public record Records(Map<String, EntityRecord> byEntity) {
    }
}
