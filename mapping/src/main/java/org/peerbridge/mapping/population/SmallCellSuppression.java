package org.peerbridge.mapping.population;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * chains across sums, e.g. a stratum total and the funnel inside it, are followed). For each small count
 * that becomes known, the smallest non-zero shown member of the sum that revealed it (or, when every other
 * member was itself derived, of the sums behind those) is hidden as well, and the audit runs again. It
 * ends because each round hides at least one more count.
 */
public final class SmallCellSuppression {

    private SmallCellSuppression() {
    }

    /** @return the published cells to hide (primary and secondary) */
    public static <K> Set<K> hidden(CellTable<K> table, int minimum) {
        return new Audit<>(table).run(minimum);
    }

    /** The table with its cells numbered, so that each round of the audit is array work. */
    private static final class Audit<K> {
        private final List<K> keys;
        private final long[] values;
        private final boolean[] published;
        private final int[][] sums; // each: total first, then the parts

        Audit(CellTable<K> table) {
            keys = new ArrayList<>(table.values().keySet());
            Map<K, Integer> index = new HashMap<>();
            values = new long[keys.size()];
            published = new boolean[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                index.put(keys.get(i), i);
                values[i] = table.value(keys.get(i));
                published[i] = table.isPublished(keys.get(i));
            }
            sums = new int[table.sums().size()][];
            for (int s = 0; s < sums.length; s++) {
                Sum<K> sum = table.sums().get(s);
                sums[s] = new int[sum.parts().size() + 1];
                sums[s][0] = index.get(sum.total());
                for (int p = 0; p < sum.parts().size(); p++) {
                    sums[s][p + 1] = index.get(sum.parts().get(p));
                }
            }
        }

        Set<K> run(int minimum) {
            boolean[] sensitive = new boolean[values.length];
            boolean[] hidden = new boolean[values.length];
            for (int i = 0; i < values.length; i++) {
                sensitive[i] = values[i] > 0 && values[i] < minimum;
                hidden[i] = sensitive[i] && published[i];
            }
            while (true) {
                int[] revealedBy = derivable(hidden);
                boolean[] hiddenThisRound = new boolean[values.length];
                boolean leaked = false;
                boolean more = false;
                for (int i = 0; i < values.length; i++) {
                    if (sensitive[i] && revealedBy[i] >= 0) {
                        leaked = true;
                        int next = smallestShownBehind(i, revealedBy, hidden, hiddenThisRound);
                        if (next >= 0) {
                            hidden[next] = true;
                            hiddenThisRound[next] = true;
                            more = true;
                        }
                    }
                }
                if (leaked && !more) { // every path back ends in a hidden cell, so nothing revealed it: cannot happen
                    throw new IllegalStateException("A small count is derivable from no shown count");
                }
                if (!leaked) {
                    Set<K> result = new LinkedHashSet<>();
                    for (int i = 0; i < values.length; i++) {
                        if (hidden[i]) {
                            result.add(keys.get(i));
                        }
                    }
                    return result;
                }
            }
        }

        /** For each cell a reader works out from what is shown, the sum that gave it away; -1 for the others. */
        private int[] derivable(boolean[] hidden) {
            boolean[] known = new boolean[values.length];
            int[] revealedBy = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                known[i] = published[i] && !hidden[i];
                revealedBy[i] = -1;
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int s = 0; s < sums.length; s++) {
                    int unknown = -1;
                    int count = 0;
                    for (int member : sums[s]) {
                        if (!known[member]) {
                            unknown = member;
                            count++;
                        }
                    }
                    if (count == 1) {
                        known[unknown] = true;
                        revealedBy[unknown] = s;
                        changed = true;
                    }
                }
            }
            return revealedBy;
        }

        /**
         * The smallest (non-zero first) shown cell that lets {@code leak} be worked out: a shown member of the
         * sum that revealed it or, when every other member was itself derived, of the sums behind those. -1 when
         * that path has a cell hidden earlier in this round: the next round's audit tells whether it still leaks.
         */
        private int smallestShownBehind(int leak, int[] revealedBy, boolean[] hidden, boolean[] hiddenThisRound) {
            Set<Integer> visited = new LinkedHashSet<>();
            List<Integer> level = List.of(revealedBy[leak]);
            while (!level.isEmpty()) {
                int best = -1;
                List<Integer> next = new ArrayList<>();
                for (int s : level) {
                    visited.add(s);
                    for (int member : sums[s]) {
                        if (member == leak) {
                            continue;
                        }
                        if (hiddenThisRound[member]) {
                            return -1;
                        }
                        if (published[member] && !hidden[member]) {
                            if (best < 0 || smaller(member, best)) {
                                best = member;
                            }
                        } else if (revealedBy[member] >= 0 && !visited.contains(revealedBy[member])) {
                            next.add(revealedBy[member]);
                        }
                    }
                }
                if (best >= 0) {
                    return best;
                }
                level = next;
            }
            return -1;
        }

        /** Whether a is a better cell to hide than b: non-zero before zero, then the smaller value. */
        private boolean smaller(int a, int b) {
            if ((values[a] == 0) != (values[b] == 0)) {
                return values[a] != 0;
            }
            return values[a] < values[b];
        }
    }
}
