package com.claimledger.entities.query;

import com.claimledger.entities.api.EntityRef;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The entity references this node has read (an entity id's canonical entity and that entity's name), kept under the
 * entities projection's generation they were read under ({@link com.claimledger.ledger.projection.ProjectionGeneration}):
 * a page of claims names some 80-130 entities, and only a merge, a reset or a replay's switch changes what an id
 * resolves to — each of which changes the generation. What was read under another generation than the one a reader
 * asks with is forgotten.
 *
 * <p>Correct as long as a reader reads the generation before the rows it keeps under it: the rows are then at least
 * as new as the generation, and a later change shows as a different one. At most {@code capacity} references are kept;
 * past it the node starts again from the ones just read (a newsroom's entities are far fewer than its claims: the
 * harness's 10^6 entries name some 38,500).
 */
final class KnownRefs {

    private record Held(long generation, Map<String, EntityRef> refs) {
    }

    private final int capacity;
    private final AtomicReference<Held> held = new AtomicReference<>();

    KnownRefs(int capacity) {
        this.capacity = capacity;
    }

    /** Those of {@code ids} known under {@code generation}; under another generation, none, and the rest forgotten. */
    Map<String, EntityRef> known(long generation, Collection<String> ids) {
        Held now = held.get();
        if (now == null || now.generation() != generation) {
            held.compareAndSet(now, new Held(generation, new ConcurrentHashMap<>()));
            return Map.of();
        }
        Map<String, EntityRef> known = new HashMap<>();
        for (String id : ids) {
            EntityRef ref = now.refs().get(id);
            if (ref != null) {
                known.put(id, ref);
            }
        }
        return known;
    }

    /** Keeps references read (after {@code generation} was) if that is still the generation held. */
    void keep(long generation, Map<String, EntityRef> read) {
        Held now = held.get();
        if (now == null || now.generation() != generation || read.size() > capacity) {
            return;
        }
        if (now.refs().size() + read.size() > capacity) {
            held.compareAndSet(now, new Held(generation, new ConcurrentHashMap<>(read)));
        } else {
            now.refs().putAll(read);
        }
    }
}
