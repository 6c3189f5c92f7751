package com.claimledger.entities.command;

import com.claimledger.entities.api.AddEntityAlias;
import com.claimledger.entities.api.EntitiesMerged;
import com.claimledger.entities.api.EntityAliasAdded;
import com.claimledger.entities.api.EntityLookup;
import com.claimledger.entities.api.EntityRegistered;
import com.claimledger.entities.api.RegisterEntity;
import com.claimledger.kernel.CreateOrRepeat;
import com.claimledger.kernel.LedgerException;
import com.claimledger.kernel.Names;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person, organisation, agency, outlet, group or place. Owns its names: no name or alias may belong to two
 * entities, and an alias that already names another entity merges that entity into this one.
 */
@Aggregate
public class Entity {

    @AggregateIdentifier
    private String entityId;
    private EntityRegistered registration;

    protected Entity() {
    }

    /** Creates the entity, or accepts an identical repeat (idempotent registration by client id). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterEntity command, EntityLookup lookup) {
        EntityRegistered registered = new EntityRegistered(command.entityId(), command.name().strip(), command.kind(),
                distinctAliases(command.name(), command.aliases()));
        if (!CreateOrRepeat.isNew(registration, registered, CreateOrRepeat.otherContent("entity", command.entityId()))) {
            return;
        }
        List<String> names = new ArrayList<>();
        names.add(registered.name());
        names.addAll(registered.aliases());
        for (String name : names) {
            lookup.ownerOfName(name).ifPresent(owner -> {
                if (owner.equals(command.entityId())) {
                    // This very entity was registered by a concurrent write that committed after this one loaded the
                    // aggregate: the write is run again (ConsistentWrites), and then finds it and compares.
                    throw new ConcurrencyException("entity '" + owner + "' was registered concurrently");
                }
                throw LedgerException.conflict("the name '" + name + "' already belongs to entity '" + owner + "'");
            });
        }
        apply(registered);
    }

    /** A new alias; if it is another entity's name, that entity is merged into this one. */
    @CommandHandler
    public void handle(AddEntityAlias command, EntityLookup lookup) {
        String canonical = lookup.canonicalOf(entityId).orElse(entityId);
        if (!canonical.equals(entityId)) {
            throw LedgerException.conflict("entity '" + entityId + "' was merged into '" + canonical + "'");
        }
        String alias = command.alias().strip();
        lookup.ownerOfName(alias).ifPresentOrElse(owner -> {
            if (!owner.equals(entityId)) {
                apply(new EntitiesMerged(entityId, owner, alias));
            }
        }, () -> apply(new EntityAliasAdded(entityId, alias)));
    }

    @EventSourcingHandler
    void on(EntityRegistered event) {
        entityId = event.entityId();
        registration = event;
    }

    private static List<String> distinctAliases(String name, List<String> aliases) {
        Map<String, String> byKey = new LinkedHashMap<>();
        byKey.put(Names.key(name), name);
        if (aliases != null) {
            aliases.forEach(alias -> byKey.putIfAbsent(Names.key(alias), alias.strip()));
        }
        return List.copyOf(byKey.values()).subList(1, byKey.size());
    }

}
