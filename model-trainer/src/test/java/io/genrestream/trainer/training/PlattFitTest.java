package io.genrestream.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.genrestream.vote.ConfidenceMap;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class PlattFitTest {

    @Test
    void recoversTheLogisticCurveVerdictsWereDrawnFrom() {
        // verdicts right with probability sigmoid(2 logit(c) - 0.5): over-confident above 0.56
        PlattFit fit = fitDrawn(3, 0.05, 0.95, PlattFitTest::truth);
        assertThat(fit.slope()).isCloseTo(2.0, within(0.1));
        assertThat(fit.intercept()).isCloseTo(-0.5, within(0.1));
        ConfidenceMap map = fit.toMap();
        for (double c : new double[] {0.2, 0.5, 0.8, 0.93}) {
            assertThat(map.apply(c)).as("map at %s", c).isCloseTo(truth(c), within(0.02));
        }
    }

    @Test
    void calibratedVerdictsKeepTheirConfidence() {
        ConfidenceMap map = fitDrawn(5, 0.1, 0.9, c -> c).toMap();
        assertThat(map.apply(0.3)).isCloseTo(0.3, within(0.02));
        assertThat(map.apply(0.75)).isCloseTo(0.75, within(0.02));
    }

    @Test
    void allRightStaysBelowCertaintyAndSeparableDataStaysFinite() {
        PlattFit allRight = PlattFit.fit(new double[] {0.4, 0.6, 0.9}, new boolean[] {true, true, true});
        // Platt's smoothed target for 3 right verdicts is 4/5: never a map that promises certainty
        assertThat(allRight.apply(0.6)).isBetween(0.5, 0.95);
        PlattFit separable = PlattFit.fit(new double[] {0.2, 0.3, 0.7, 0.8}, new boolean[] {false, false, true, true});
        assertThat(separable.slope()).isPositive().isFinite();
        assertThat(separable.apply(0.8)).isGreaterThan(separable.apply(0.2));
    }

    @Test
    void confidenceThatPredictsErrorsGetsTheFlatMapAtTheMeanAccuracy() {
        double[] confidence = {0.2, 0.3, 0.4, 0.7, 0.8, 0.9};
        boolean[] correct = {true, true, true, false, false, true};
        PlattFit fit = PlattFit.fit(confidence, correct);
        assertThat(fit.slope()).isZero();
        // smoothed targets: right 5/6, wrong 1/4; mean (4 * 5/6 + 2 * 1/4) / 6
        double mean = (4 * 5.0 / 6 + 2 * 0.25) / 6;
        assertThat(fit.apply(0.1)).isCloseTo(mean, within(1e-12));
        assertThat(fit.toMap().apply(0.95)).isCloseTo(mean, within(1e-12));
    }

    @Test
    void mapIsMonotoneOverTheWholeRange() {
        ConfidenceMap map = PlattFit.fit(new double[] {0.1, 0.5, 0.5, 0.9, 0.95}, new boolean[] {false, true, false,
            true, true}).toMap();
        assertThat(map.confidence()).hasSize(101).startsWith(0.0).endsWith(1.0);
        double[] accuracy = map.accuracy();
        for (int k = 1; k < accuracy.length; k++) {
            assertThat(accuracy[k]).isGreaterThanOrEqualTo(accuracy[k - 1]);
        }
    }

    /** The fit of 20,000 verdicts with confidences uniform in [from, to), each right with probability accuracy(c). */
    private static PlattFit fitDrawn(long seed, double from, double to, DoubleUnaryOperator accuracy) {
        Random random = new Random(seed);
        double[] confidence = new double[20_000];
        boolean[] correct = new boolean[confidence.length];
        for (int i = 0; i < confidence.length; i++) {
            confidence[i] = from + (to - from) * random.nextDouble();
            correct[i] = random.nextDouble() < accuracy.applyAsDouble(confidence[i]);
        }
        return PlattFit.fit(confidence, correct);
    }

    private static double truth(double c) {
        return 1 / (1 + Math.exp(-(2 * Math.log(c / (1 - c)) - 0.5)));
    }
}
