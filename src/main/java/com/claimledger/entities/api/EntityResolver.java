package com.claimledger.entities.api;

/** Turns a name as written in an article into an entity id, registering an entity of kind OTHER for an unknown name. */
public interface EntityResolver {

    String resolveOrRegister(String name);
}
