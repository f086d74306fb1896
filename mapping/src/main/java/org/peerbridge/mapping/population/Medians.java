package org.peerbridge.mapping.population;

import java.util.Arrays;
import java.util.Optional;

/** The median of a list of whole numbers of days: the middle one, or the mean of the two middle ones. */
final class Medians {

    private Medians() {
    }

    static Optional<Double> of(long[] values) {
        if (values.length == 0) {
            return Optional.empty();
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return Optional.of(sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0);
    }
}
