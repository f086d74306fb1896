package org.peerbridge.mapping.population;

import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean over {@code n} values with its two-sided 95 % confidence interval from Student's t distribution
 * (n - 1 degrees of freedom): mean ± t(0.975, n - 1) · s / √n, s the sample standard deviation. With one
 * value there is a mean but no interval; with none there is no estimate at all.
 */
public record Estimate(int n, double mean, Optional<Double> low, Optional<Double> high) {

    /** Two-sided confidence level of every interval. */
    public static final double CONFIDENCE = 0.95;

    /** The estimate of the mean of {@code values}; empty when there are none. */
    public static Optional<Estimate> of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return Optional.empty();
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return Optional.of(new Estimate(1, mean, Optional.empty(), Optional.empty()));
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double standardError = Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return Optional.of(new Estimate(n, mean, Optional.of(mean - t * standardError), Optional.of(mean + t * standardError)));
    }
}
