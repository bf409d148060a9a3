package io.genrestream.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.genrestream.vote.ConfidenceMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsotonicFitTest {

    @Test
    void poolsAdjacentViolators() {
        // sorted: (0.1 right) (0.2 wrong) (0.3 right) (0.4 right) (0.5 wrong) (0.6 right). 0.1 and 0.2 pool to
        // (0.15, 0.5); 0.3 and 0.4 (equal accuracy) pool, then 0.5 joins them: (0.4, 2/3); 0.6 stays (0.6, 1)
        ConfidenceMap map = IsotonicFit.fit(new double[] {0.4, 0.1, 0.6, 0.3, 0.2, 0.5},
                new boolean[] {true, true, true, true, false, false});
        assertThat(map.confidence()).containsExactly(new double[] {0.15, 0.4, 0.6}, within(1e-12));
        assertThat(map.accuracy()).containsExactly(new double[] {0.5, 2.0 / 3, 1.0}, within(1e-12));
    }

    @Test
    void recoversACalibrationCurveFromOverconfidentVerdicts() {
        // verdicts whose true accuracy is confidence squared (over-confident), 20,000 of them
        Random random = new Random(3);
        double[] confidence = new double[20_000];
        boolean[] correct = new boolean[confidence.length];
        for (int i = 0; i < confidence.length; i++) {
            confidence[i] = random.nextDouble();
            correct[i] = random.nextDouble() < confidence[i] * confidence[i];
        }
        ConfidenceMap map = IsotonicFit.fit(confidence, correct);
        assertThat(map.apply(0.5)).isCloseTo(0.25, within(0.05));
        assertThat(map.apply(0.9)).isCloseTo(0.81, within(0.05));
        double[] knots = map.accuracy();
        for (int k = 1; k < knots.length; k++) {
            assertThat(knots[k]).isGreaterThan(knots[k - 1]);
        }
    }

    @Test
    void equalConfidencesShareOneKnot() {
        ConfidenceMap map = IsotonicFit.fit(new double[] {0.5, 0.5, 0.5, 0.9}, new boolean[] {true, false, false,
            true});
        assertThat(map.confidence()).containsExactly(0.5, 0.9);
        assertThat(map.accuracy()).containsExactly(new double[] {1.0 / 3, 1.0}, within(1e-12));
    }
}
