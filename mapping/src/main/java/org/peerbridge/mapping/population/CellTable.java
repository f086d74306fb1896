package org.peerbridge.mapping.population;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts of people (or sessions) and the sums that tie them together, which is what a reader could use
 * to work out a count that is not shown. Some cells are <em>unpublished</em>: never shown, but still
 * counts of people that must not be derivable when small (referred but not accepted is referred minus
 * accepted).
 *
 * @param <K> what names a cell
 */
public final class CellTable<K> {

    /** total = the sum of parts, exactly. */
    public record Sum<K>(K total, List<K> parts) {
        public Sum {
            parts = List.copyOf(parts);
        }

        List<K> members() {
            List<K> members = new ArrayList<>(parts);
            members.add(0, total);
            return members;
        }
    }

    private final Map<K, Long> values = new LinkedHashMap<>();
    private final Set<K> unpublished = new LinkedHashSet<>();
    private final List<Sum<K>> sums = new ArrayList<>();

    /** Adds a cell that the report shows. */
    public CellTable<K> published(K key, long value) {
        values.put(key, value);
        return this;
    }

    /** Adds a cell that the report never shows but that a reader could derive. */
    public CellTable<K> unpublished(K key, long value) {
        values.put(key, value);
        unpublished.add(key);
        return this;
    }

    /** Records that {@code total} is the sum of {@code parts}; every key must be a cell already. */
    public CellTable<K> sum(K total, List<K> parts) {
        if (parts.isEmpty() || !values.containsKey(total) || !values.keySet().containsAll(parts)) {
            throw new IllegalArgumentException("A sum names a cell the table does not have: " + total + " = " + parts);
        }
        sums.add(new Sum<>(total, parts));
        return this;
    }

    public Map<K, Long> values() {
        return values;
    }

    public long value(K key) {
        Long value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("No cell " + key);
        }
        return value;
    }

    public boolean isPublished(K key) {
        return values.containsKey(key) && !unpublished.contains(key);
    }

    public List<Sum<K>> sums() {
        return sums;
    }
}
