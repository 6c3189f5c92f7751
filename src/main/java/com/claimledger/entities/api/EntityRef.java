package com.claimledger.entities.api;

public record EntityRef(String id, String name) {
}
