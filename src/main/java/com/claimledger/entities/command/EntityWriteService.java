package com.claimledger.entities.command;

import com.claimledger.entities.api.AddEntityAlias;
import com.claimledger.entities.api.EntityLookup;
import com.claimledger.entities.api.EntityWrites;
import com.claimledger.entities.api.RegisterEntity;
import com.claimledger.kernel.Ids;
import com.claimledger.kernel.LedgerException;
import com.claimledger.kernel.Written;
import com.claimledger.ledger.api.LedgerWrites;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.util.List;

@Service
class EntityWriteService implements EntityWrites {

    private final LedgerWrites ledger;
    private final CommandGateway commands;
    private final EntityLookup lookup;

    EntityWriteService(LedgerWrites ledger, CommandGateway commands, EntityLookup lookup) {
        this.ledger = ledger;
        this.commands = commands;
        this.lookup = lookup;
    }

    @Override
    public Written<String> register(NewEntity request) {
        String id = Ids.orNew(request.id());
        return ledger.createOrRepeat(id, new RegisterEntity(id, request.name(), request.kind(),
                request.aliases() == null ? List.of() : request.aliases()));
    }

    @Override
    public String addAlias(String id, NewAlias request) {
        return ledger.write(() -> {
            String canonical = lookup.canonicalOf(id).orElseThrow(() -> LedgerException.notFound("entity", id));
            commands.sendAndWait(new AddEntityAlias(canonical, request.alias()));
            return canonical;
        });
    }
}
