package com.claimledger.entities.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddEntityAlias(@TargetAggregateIdentifier String entityId, String alias) {
}
