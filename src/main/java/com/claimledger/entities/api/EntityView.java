package com.claimledger.entities.api;

import java.util.ArrayList;
import java.util.List;

/** An entity as read: canonical name, every other name it goes by, and the ids merged into it. */
public record EntityView(String id, String name, EntityKind kind, List<String> aliases,
                         List<String> mergedIds) {

    /** Every id whose claims count as this entity's. */
    public List<String> memberIds() {
        var ids = new ArrayList<String>(mergedIds.size() + 1);
        ids.add(id);
        ids.addAll(mergedIds);
        return ids;
    }
}
