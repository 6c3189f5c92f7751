package com.claimledger.entities.query;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What this node has read of the entities projection, kept under the projection's generation it was read under
 * ({@link com.claimledger.ledger.projection.ProjectionGeneration}): an entity id's reference (its canonical entity and
 * that entity's name — a page of claims names some 80-130 entities) and the members of the entity a name denotes (a
 * subject or source filter). Only a merge, a reset or a replay's switch changes either, and each changes the
 * generation; what was read under another generation than the one a reader asks with is forgotten.
 *
 * <p>Correct as long as a reader reads the generation before the rows it keeps under it: the rows are then at least
 * as new as the generation, and a later change shows as a different one. At most {@code capacity} values are kept;
 * past it the node starts again from the ones just read (a newsroom's entities are far fewer than its claims: the
 * harness's 10^6 entries name some 38,500).
 *
 * @param <V> what is kept for a key
 */
final class Known<V> {

    private record Held<V>(long generation, Map<String, V> values) {
    }

    private final int capacity;
    private final AtomicReference<Held<V>> held = new AtomicReference<>();

    Known(int capacity) {
        this.capacity = capacity;
    }

    /** Those of {@code keys} known under {@code generation}; under another generation, none, and the rest forgotten. */
    Map<String, V> known(long generation, Collection<String> keys) {
        Held<V> now = held.get();
        if (now == null || now.generation() != generation) {
            held.compareAndSet(now, new Held<>(generation, new ConcurrentHashMap<>()));
            return Map.of();
        }
        Map<String, V> known = new HashMap<>();
        for (String key : keys) {
            V value = now.values().get(key);
            if (value != null) {
                known.put(key, value);
            }
        }
        return known;
    }

    /** Keeps values read (after {@code generation} was) if that is still the generation held. */
    void keep(long generation, Map<String, V> read) {
        Held<V> now = held.get();
        if (now == null || now.generation() != generation || read.size() > capacity) {
            return;
        }
        if (now.values().size() + read.size() > capacity) {
            held.compareAndSet(now, new Held<>(generation, new ConcurrentHashMap<>(read)));
        } else {
            now.values().putAll(read);
        }
    }
}
