package com.claimledger.entities.api;

/** An entity's track record as a source: claims it made, and how many of those stand disputed, retracted, corroborated. */
public record EntityRecord(long claimsMade, long disputed, long retracted, long corroborated) {

    public static final EntityRecord NONE = new EntityRecord(0, 0, 0, 0);
}
