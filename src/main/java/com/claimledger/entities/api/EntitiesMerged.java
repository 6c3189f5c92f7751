package com.claimledger.entities.api;

import org.axonframework.serialization.Revision;

/**
 * The alias given to {@code entityId} already named {@code mergedEntityId}: the two are one, and
 * {@code entityId} stays canonical. Every name of the merged entity now resolves to the canonical one.
 */
@Revision("1")
public record EntitiesMerged(String entityId, String mergedEntityId, String alias) {
}
