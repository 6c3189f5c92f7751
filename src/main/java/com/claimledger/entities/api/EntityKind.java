package com.claimledger.entities.api;

public enum EntityKind {
    PERSON, ORGANIZATION, AGENCY, OUTLET, GROUP, PLACE, OTHER
}
