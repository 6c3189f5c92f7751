package com.claimledger.entities.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record RegisterEntity(@TargetAggregateIdentifier String entityId, String name, EntityKind kind, List<String> aliases) {
}
