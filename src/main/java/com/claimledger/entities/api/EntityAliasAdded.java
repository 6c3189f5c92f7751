package com.claimledger.entities.api;

import org.axonframework.serialization.Revision;

/** Another spelling, acronym or translation now names the entity. */
@Revision("1")
public record EntityAliasAdded(String entityId, String alias) {
}
