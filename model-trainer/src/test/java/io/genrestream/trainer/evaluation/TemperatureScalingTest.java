package io.genrestream.trainer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TemperatureScalingTest {

    @Test
    void overconfidentPredictionsGetATemperatureAboveOne() {
        // always 0.9 for the predicted class, right 60 % of the time: the NLL-optimal confidence is 0.6, i.e.
        // 0.9^(1/T) / (0.9^(1/T) + 0.1^(1/T)) = 0.6  =>  T = ln(9) / ln(1.5) = 5.42
        float[][] p = new float[10][];
        float[][] right = new float[10][];
        for (int i = 0; i < 10; i++) {
            p[i] = new float[] {0.9f, 0.1f};
            right[i] = i < 6 ? new float[] {1, 0} : new float[] {0, 1};
        }
        double t = TemperatureScaling.fit(p, right);
        assertThat(t).isCloseTo(Math.log(9) / Math.log(1.5), within(1e-2));
        assertThat(TemperatureScaling.nll(p, right, t)).isLessThan(TemperatureScaling.nll(p, right, 1));
    }

    @Test
    void aPartialLabelCountsTheMassOfItsWholeSet() {
        // the set {0, 1} holds 0.5 + 0.4 of the mass: NLL -ln(0.9)
        assertThat(TemperatureScaling.nll(new float[][] {{0.5f, 0.4f, 0.1f}}, new float[][] {{1, 1, 0}}, 1))
                .isCloseTo(-Math.log(0.9), within(1e-6));
    }
}
