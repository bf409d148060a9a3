package io.genrestream.trainer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SelectivePredictionTest {

    private static final double[] CONFIDENCE = {0.95, 0.9, 0.85, 0.7, 0.65, 0.4, 0.35, 0.2};
    private static final boolean[] CORRECT = {true, true, true, true, false, true, false, false};

    @Test
    void eceWeighsEachBinsGapByItsShare() {
        SelectivePrediction sp = SelectivePrediction.of(CONFIDENCE, CORRECT, 10);
        // bins: 0.2 (1 track, wrong), 0.3 (0.35 wrong), 0.4 (right), 0.6 (0.65 wrong), 0.7 (right),
        // 0.8 (right), 0.9 (0.95 and 0.9, both right)
        double ece = (0.2 + 0.35 + 0.6 + 0.65 + 0.3 + 0.15 + 2 * (1 - 0.925)) / 8;
        assertThat(sp.ece()).isCloseTo(ece, within(1e-9));
        assertThat(sp.binCount()).containsExactly(0, 0, 1, 1, 1, 0, 1, 1, 1, 2);
    }

    @Test
    void thresholdIsTheLowestConfidenceThatKeepsTheTargetAccuracy() {
        SelectivePrediction sp = SelectivePrediction.of(CONFIDENCE, CORRECT, 10);
        // answering >= 0.7: 4/4 right; >= 0.65: 4/5 = 0.8; >= 0.4: 5/6 = 0.833; >= 0.35: 5/7
        assertThat(sp.threshold(0.8, 0.5)).isEqualTo(0.4);
        assertThat(sp.threshold(0.85, 0.5)).isEqualTo(0.7);
        SelectivePrediction.Point at = sp.at(0.4);
        assertThat(at.coverage()).isCloseTo(6 / 8.0, within(1e-12));
        assertThat(at.selectiveAccuracy()).isCloseTo(5 / 6.0, within(1e-12));
        // out of reach: the most accurate threshold that still answers 7 of 8
        assertThat(sp.threshold(1.01, 0.85)).isEqualTo(0.35);
    }
}
