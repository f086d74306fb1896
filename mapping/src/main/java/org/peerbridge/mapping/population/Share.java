package org.peerbridge.mapping.population;

import java.util.Optional;

/** How many of a denominator meet a criterion (responders of those assessed, no-shows of those booked). */
public record Share(long numerator, long denominator) {

    /** numerator / denominator; empty when the denominator is zero. */
    public Optional<Double> proportion() {
        return denominator == 0 ? Optional.empty() : Optional.of((double) numerator / denominator);
    }
}
