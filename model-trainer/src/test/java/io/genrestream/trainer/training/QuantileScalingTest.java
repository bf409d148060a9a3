package io.genrestream.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuantileScalingTest {

    private static final double[][] TRAIN = {{1, 5}, {2, 5}, {2, 5}, {3, 7}, {10, 9}};

    /**
     * Expected values from scikit-learn 1.2.1: {@code QuantileTransformer().fit(TRAIN).transform(row)} (uniform
     * output, 1,000 quantiles capped at the 5 rows).
     */
    @Test
    void matchesScikitLearnsUniformQuantileTransformer() {
        QuantileScaling scaling = QuantileScaling.fit(TRAIN, QuantileScaling.DEFAULT_QUANTILES);
        double[][] rows = {{0.5, 4}, {1, 5}, {2, 6}, {2.5, 7}, {6, 8.5}, {10, 9}, {11, 10}};
        double[][] expected = {{0, 0}, {0, 0}, {0.375, 0.625}, {0.625, 0.75}, {0.8571428571428572, 0.9375},
                {1, 1}, {1, 1}};
        for (int i = 0; i < rows.length; i++) {
            assertArrayEquals(expected[i], scaling.apply(rows[i]), 1e-12, "row " + i);
        }
    }

    @Test
    void fewerQuantilesThanRowsInterpolateBetweenPercentiles() {
        double[][] train = new double[101][1];
        for (int i = 0; i <= 100; i++) {
            train[i][0] = i * i;
        }
        // 3 quantiles: the 0th, 50th and 100th percentiles (0, 2500, 10000) at 0, 0.5 and 1
        QuantileScaling scaling = QuantileScaling.fit(train, 3);
        assertArrayEquals(new double[] {0.25}, scaling.apply(new double[] {1250}), 1e-12);
        assertArrayEquals(new double[] {0.75}, scaling.apply(new double[] {6250}), 1e-12);
    }

    @Test
    void refusesNoRowsAndNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> QuantileScaling.fit(new double[0][], 10));
        assertThrows(IllegalArgumentException.class,
                () -> QuantileScaling.fit(new double[][] {{1}, {Double.NaN}}, 10));
    }
}
