package org.peerbridge.server.write;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The write rules by resource type, each type's in {@link RulePhase} order, so the writer asks only the rules
 * that name a type, always in the same order. A type has at most one rule per phase, so that order is never
 * left to the order of registration.
 */
public final class WriteRuleSet {

    private final Map<String, List<WriteRule>> byType = new HashMap<>();

    public WriteRuleSet(List<WriteRule> rules) {
        List<WriteRule> ordered = new ArrayList<>(rules);
        ordered.sort(Comparator.comparing(WriteRule::phase));
        for (WriteRule rule : ordered) {
            for (String type : rule.types()) {
                List<WriteRule> typeRules = byType.computeIfAbsent(type, t -> new ArrayList<>());
                typeRules.stream().filter(other -> other.phase() == rule.phase()).findAny().ifPresent(other -> {
                    throw new IllegalArgumentException(type + " has two rules in phase " + rule.phase() + ": "
                            + other.getClass().getSimpleName() + " and " + rule.getClass().getSimpleName());
                });
                typeRules.add(rule);
            }
        }
    }

    /** The rules for this type, in the order they run. */
    public List<WriteRule> forType(String type) {
        return byType.getOrDefault(type, List.of());
    }
}
