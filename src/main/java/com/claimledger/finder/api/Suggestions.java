package com.claimledger.finder.api;

import com.claimledger.entities.api.EntityRef;

import java.util.List;

/** Pairs of entities that are probably one, best first, each with why; nothing is merged. */
public record Suggestions(List<Suggestion> suggestions) {

    public record Suggestion(EntityRef entity, EntityRef other, double score, List<String> evidence) {
    }
}
