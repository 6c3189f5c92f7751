package com.claimledger.entities.api;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A person, organisation, agency, outlet, group or place became known to the ledger under a canonical name. */
@Revision("1")
public record EntityRegistered(String entityId, String name, EntityKind kind, List<String> aliases) {
}
