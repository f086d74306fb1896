package org.peerbridge.mapping.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EstimateTest {

    @Test
    void meanWithTheStudentTInterval() {
        // mean 3, s = sqrt(2.5), se = s / sqrt(5) = 0.70711, t(0.975, 4) = 2.776445: 3 ± 1.963243
        Estimate estimate = Estimate.of(new double[] {1, 2, 3, 4, 5}).orElseThrow();
        assertEquals(5, estimate.n());
        assertEquals(3.0, estimate.mean(), 1e-12);
        assertEquals(1.036757, estimate.low().orElseThrow(), 1e-6);
        assertEquals(4.963243, estimate.high().orElseThrow(), 1e-6);
    }

    @Test
    void twoValuesUseOneDegreeOfFreedom() {
        // mean 11, s = sqrt(2), se = 1, t(0.975, 1) = 12.706205
        Estimate estimate = Estimate.of(new double[] {10, 12}).orElseThrow();
        assertEquals(11 - 12.706205, estimate.low().orElseThrow(), 1e-6);
        assertEquals(11 + 12.706205, estimate.high().orElseThrow(), 1e-6);
    }

    @Test
    void identicalValuesHaveAZeroWidthInterval() {
        Estimate estimate = Estimate.of(new double[] {4, 4, 4}).orElseThrow();
        assertEquals(4.0, estimate.low().orElseThrow(), 1e-12);
        assertEquals(4.0, estimate.high().orElseThrow(), 1e-12);
    }

    @Test
    void oneValueHasAMeanButNoInterval() {
        Estimate estimate = Estimate.of(new double[] {7}).orElseThrow();
        assertEquals(7.0, estimate.mean());
        assertTrue(estimate.low().isEmpty() && estimate.high().isEmpty());
    }

    @Test
    void noValuesNoEstimate() {
        assertTrue(Estimate.of(new double[0]).isEmpty());
    }

    @Test
    void mediansOfOddAndEvenCounts() {
        assertEquals(3.0, Medians.of(new long[] {9, 1, 3}).orElseThrow());
        assertEquals(2.5, Medians.of(new long[] {4, 1, 3, 2}).orElseThrow());
        assertTrue(Medians.of(new long[0]).isEmpty());
    }
}
