package io.genrestream.trainer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void textbookFigures() {
        // truth:     a a a b b c
        // predicted: a a b b c c
        ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "b", "c"),
                new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 2, 2});
        assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(m.precision(0)).isEqualTo(1.0);
        assertThat(m.recall(0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1(0)).isCloseTo(0.8, within(1e-12));
        assertThat(m.precision(1)).isEqualTo(0.5);
        assertThat(m.recall(1)).isEqualTo(0.5);
        assertThat(m.precision(2)).isEqualTo(0.5);
        assertThat(m.recall(2)).isEqualTo(1.0);
        assertThat(m.f1(2)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.macroF1()).isCloseTo((0.8 + 0.5 + 2.0 / 3) / 3, within(1e-12));
        assertThat(m.plus(m).confusion()[0]).containsExactly(4, 2, 0);
    }

    @Test
    void neverPredictedClassHasZeroPrecision() {
        ClassificationMetrics m = ClassificationMetrics.of(List.of("a", "b"), new int[] {0, 1}, new int[] {0, 0});
        assertThat(m.precision(1)).isZero();
        assertThat(m.f1(1)).isZero();
    }
}
