package org.peerbridge.mapping.population;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.peerbridge.mapping.population.CellTable.Sum;

/**
 * Which published counts a report must hide so that no count from 1 to {@code minimum - 1} can be seen or
 * worked out.
 *
 * <p><b>Primary suppression:</b> every published count in that range is hidden. Zero is shown: it says
 * that nobody is in a cell, which identifies no one (the practice of CMS's cell-size rule).
 * <b>Secondary suppression:</b> the report is then audited as a reader would attack it. Everything shown
 * is known; a sum with exactly one unknown member reveals it, and what is revealed is known in turn (so
 * chains across sums, e.g. a stratum total and the funnel inside it, are followed). While some small count
 * becomes known, the smallest non-zero shown member of the sum that revealed it is hidden as well, and the
 * audit starts again. It ends because each round hides one more count.
 */
public final class SmallCellSuppression {

    private SmallCellSuppression() {
    }

    /** @return the published cells to hide (primary and secondary) */
    public static <K> Set<K> hidden(CellTable<K> table, int minimum) {
        Set<K> sensitive = new LinkedHashSet<>();
        table.values().forEach((key, value) -> {
            if (value > 0 && value < minimum) {
                sensitive.add(key);
            }
        });
        Set<K> hidden = new LinkedHashSet<>();
        sensitive.stream().filter(table::isPublished).forEach(hidden::add);
        while (true) {
            Map<K, Sum<K>> revealedBy = derivable(table, hidden);
            Optional<K> leak = sensitive.stream().filter(revealedBy::containsKey).findFirst();
            if (leak.isEmpty()) {
                return hidden;
            }
            Optional<K> next = shownMembers(table, hidden, revealedBy, leak.get()).stream()
                    .min(Comparator.comparing((K k) -> table.value(k) == 0).thenComparing(table::value));
            if (next.isEmpty()) { // every path back ends in a hidden cell, so nothing revealed it: cannot happen
                throw new IllegalStateException("A small count is derivable from no shown count");
            }
            hidden.add(next.get());
        }
    }

    /** The cells a reader works out from what is shown, each with the sum that gave it away. */
    private static <K> Map<K, Sum<K>> derivable(CellTable<K> table, Set<K> hidden) {
        Set<K> known = new LinkedHashSet<>();
        table.values().keySet().stream().filter(k -> table.isPublished(k) && !hidden.contains(k)).forEach(known::add);
        Map<K, Sum<K>> revealedBy = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Sum<K> sum : table.sums()) {
                List<K> unknown = new ArrayList<>();
                for (K member : sum.members()) {
                    if (!known.contains(member)) {
                        unknown.add(member);
                    }
                }
                if (unknown.size() == 1) {
                    known.add(unknown.get(0));
                    revealedBy.put(unknown.get(0), sum);
                    changed = true;
                }
            }
        }
        return revealedBy;
    }

    /**
     * The shown cells that let {@code sum} reveal {@code leak}: its own shown members or, when every other
     * member is itself only derived, the shown members of the sums that revealed those, and so on back.
     */
    private static <K> List<K> shownMembers(CellTable<K> table, Set<K> hidden, Map<K, Sum<K>> revealedBy, K leak) {
        Set<Sum<K>> visited = new LinkedHashSet<>();
        List<Sum<K>> level = List.of(revealedBy.get(leak));
        while (!level.isEmpty()) {
            List<K> shown = new ArrayList<>();
            List<Sum<K>> next = new ArrayList<>();
            for (Sum<K> sum : level) {
                visited.add(sum);
                for (K member : sum.members()) {
                    if (member.equals(leak)) {
                        continue;
                    }
                    if (table.isPublished(member) && !hidden.contains(member)) {
                        shown.add(member);
                    } else if (revealedBy.containsKey(member) && !visited.contains(revealedBy.get(member))) {
                        next.add(revealedBy.get(member));
                    }
                }
            }
            if (!shown.isEmpty()) {
                return shown;
            }
            level = next;
        }
        return List.of();
    }
}
