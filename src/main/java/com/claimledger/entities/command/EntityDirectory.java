package com.claimledger.entities.command;

import com.claimledger.entities.api.EntitiesMerged;
import com.claimledger.entities.api.EntityAliasAdded;
import com.claimledger.entities.api.EntityLookup;
import com.claimledger.entities.api.EntityRegistered;
import com.claimledger.kernel.Names;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * Which entity owns which name, kept by a subscribing processor inside the writing transaction so that the
 * uniqueness of names and the resolution of names in claims are decided on committed-or-own state, never on a
 * lagging projection.
 */
@Component
@ProcessingGroup(EntityDirectory.GROUP)
class EntityDirectory implements EntityLookup {

    static final String GROUP = "entity-directory";

    private final NamedParameterJdbcTemplate jdbc;

    EntityDirectory(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EntityRegistered event) {
        jdbc.update("insert into entity_directory (entity_id, canonical_id) values (:id, :id)", Map.of("id", event.entityId()));
        claimName(event.entityId(), event.name());
        event.aliases().forEach(alias -> claimName(event.entityId(), alias));
    }

    @EventHandler
    void on(EntityAliasAdded event) {
        claimName(event.entityId(), event.alias());
    }

    @EventHandler
    void on(EntitiesMerged event) {
        jdbc.update("update entity_directory set canonical_id = :canonical where canonical_id = :merged",
                Map.of("canonical", event.entityId(), "merged", event.mergedEntityId()));
    }

    private void claimName(String entityId, String name) {
        jdbc.update("insert into entity_directory_name (name_key, entity_id) values (:key, :id)",
                Map.of("key", Names.key(name), "id", entityId));
    }

    @Override
    public Optional<String> ownerOfName(String name) {
        return jdbc.queryForList("""
                select d.canonical_id from entity_directory_name n
                join entity_directory d on d.entity_id = n.entity_id
                where n.name_key = :key""", Map.of("key", Names.key(name)), String.class).stream().findFirst();
    }

    @Override
    public Optional<String> canonicalOf(String entityId) {
        return jdbc.queryForList("select canonical_id from entity_directory where entity_id = :id", Map.of("id", entityId), String.class)
                .stream().findFirst();
    }
}
