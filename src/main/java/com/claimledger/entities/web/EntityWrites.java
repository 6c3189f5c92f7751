package com.claimledger.entities.web;

import com.claimledger.entities.api.AddEntityAlias;
import com.claimledger.entities.api.EntityKind;
import com.claimledger.entities.api.EntityLookup;
import com.claimledger.entities.api.RegisterEntity;
import com.claimledger.shared.LedgerException;
import com.claimledger.shared.Requests;
import com.claimledger.shared.Written;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.List;

/** Turns entity write requests (REST or dossier) into commands; the caller owns the transaction. */
@Component
public class EntityWrites {

    public record NewEntity(@Pattern(regexp = Requests.ID_PATTERN) String id,
                            @NotBlank @Size(max = 200) String name,
                            @NotNull EntityKind kind,
                            @Size(max = 100) List<@NotBlank @Size(max = 200) String> aliases) {
    }

    public record NewAlias(@NotBlank @Size(max = 200) String alias) {
    }

    private final CommandGateway commands;
    private final EntityLookup lookup;

    EntityWrites(CommandGateway commands, EntityLookup lookup) {
        this.commands = commands;
        this.lookup = lookup;
    }

    /** Registers the entity; the id of the entity and whether it is new. */
    public Written<String> register(NewEntity request) {
        String id = Requests.idOrNew(request.id());
        boolean existed = lookup.canonicalOf(id).isPresent();
        commands.sendAndWait(new RegisterEntity(id, request.name(), request.kind(),
                request.aliases() == null ? List.of() : request.aliases()));
        return new Written<>(id, !existed);
    }

    /** Adds an alias to the canonical entity of {@code id}, merging if the alias names another entity. */
    public String addAlias(String id, NewAlias request) {
        String canonical = lookup.canonicalOf(id).orElseThrow(() -> LedgerException.notFound("entity", id));
        commands.sendAndWait(new AddEntityAlias(canonical, request.alias()));
        return canonical;
    }
}
