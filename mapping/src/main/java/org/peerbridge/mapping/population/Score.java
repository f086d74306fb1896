package org.peerbridge.mapping.population;

import java.util.Optional;

/** The figure a report group states: a mean with its 95 % interval, a share, a median or an amount. */
public record Score(double value, Optional<Double> low, Optional<Double> high) {

    static Optional<Score> of(Optional<Estimate> estimate) {
        return estimate.map(e -> new Score(e.mean(), e.low(), e.high()));
    }

    static Optional<Score> share(Share share) {
        return share.proportion().map(p -> new Score(p, Optional.empty(), Optional.empty()));
    }

    static Optional<Score> exactly(Optional<Double> value) {
        return value.map(v -> new Score(v, Optional.empty(), Optional.empty()));
    }
}
