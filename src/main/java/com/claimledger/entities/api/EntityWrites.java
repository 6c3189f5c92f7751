package com.claimledger.entities.api;

import com.claimledger.kernel.Ids;
import com.claimledger.kernel.Written;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The entities module's write face: REST, dossier import and the command line all write entities through it. */
public interface EntityWrites {

    record NewEntity(@Pattern(regexp = Ids.PATTERN) String id,
                     @NotBlank @Size(max = 200) String name,
                     @NotNull EntityKind kind,
                     @Size(max = 100) List<@NotBlank @Size(max = 200) String> aliases) {
    }

    record NewAlias(@NotBlank @Size(max = 200) String alias) {
    }

    /** Registers the entity, or accepts an identical repeat; the id and whether this call created it. */
    Written<String> register(NewEntity request);

    /** Adds an alias to the canonical entity of {@code id}, merging if the alias names another entity; the canonical id. */
    String addAlias(String id, NewAlias request);
}
