package com.claimledger.entities.command;

import com.claimledger.entities.api.EntityKind;
import com.claimledger.entities.api.EntityLookup;
import com.claimledger.entities.api.EntityResolver;
import com.claimledger.entities.api.RegisterEntity;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

@Component
class EntityRegistrar implements EntityResolver {

    private final EntityLookup lookup;
    private final CommandGateway commands;

    EntityRegistrar(EntityLookup lookup, CommandGateway commands) {
        this.lookup = lookup;
        this.commands = commands;
    }

    @Override
    public String resolveOrRegister(String name) {
        return lookup.ownerOfName(name).orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            commands.sendAndWait(new RegisterEntity(id, name.strip(), EntityKind.OTHER, List.of()));
            return id;
        });
    }
}
