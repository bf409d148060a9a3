package io.genrestream.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genrestream.vote.NoveltyCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NoveltyFitTest {

    /** 20,000 rows of two features: x ~ N(5, 2²), y = x/2 + N(0, 0.5²) (correlated, so Euclidean would mislead). */
    private static float[][] correlatedRows() {
        Random random = new Random(7);
        float[][] rows = new float[20_000][];
        for (int i = 0; i < rows.length; i++) {
            double x = 5 + 2 * random.nextGaussian();
            rows[i] = new float[] {(float) x, (float) (x / 2 + 0.5 * random.nextGaussian())};
        }
        return rows;
    }

    @Test
    void learnsMeanScaleAndTheCorrelation() {
        NoveltyCheck check = NoveltyFit.fit(correlatedRows(), 2, 0, 3);
        assertThat(check.mean()).containsExactly(new double[] {5, 2.5}, within(0.05));
        // sd of y: sqrt(1 + 0.25)
        assertThat(check.scale()).containsExactly(new double[] {2, Math.sqrt(1.25)}, within(0.03));
        assertThat(check.threshold()).isEqualTo(3.0);
        assertThat(check.distance(new float[] {5, 2.5f})).isCloseTo(0, within(0.05));
        // one sd along the correlation is near; the same Euclidean step against it is far (y 2 sd of its noise off)
        double along = check.distance(new float[] {7, 3.5f});
        double against = check.distance(new float[] {7, 2.5f});
        assertThat(along).isCloseTo(1, within(0.05));
        assertThat(against).isGreaterThan(2 * along);
        // squared distances of the training rows average the number of features (chi-squared with 2 dof)
        double sum = 0;
        for (float[] r : correlatedRows()) {
            double d = check.distance(r);
            sum += d * d;
        }
        assertThat(sum / 20_000).isCloseTo(2, within(0.05));
    }

    @Test
    void shrinkageTowardsTheIdentityShortensFarDistances() {
        double exact = NoveltyFit.fit(correlatedRows(), 2, 0, 1).distance(new float[] {7, 2.5f});
        double shrunk = NoveltyFit.fit(correlatedRows(), 2, 0.5, 1).distance(new float[] {7, 2.5f});
        assertThat(shrunk).isLessThan(exact);
    }

    @Test
    void aConstantFeatureMakesAnyChangeNovelInsteadOfDividingByZero() {
        float[][] rows = {{1, 4}, {2, 4}, {3, 4}, {4, 4}};
        NoveltyCheck check = NoveltyFit.fit(rows, 2, 0.01, 1);
        assertThat(check.distance(new float[] {2.5f, 4})).isLessThan(0.1);
        assertThat(check.distance(new float[] {2.5f, 6})).isGreaterThan(10);
    }

    @Test
    void aFitOverTheLeadingColumnsIgnoresTheOthers() {
        // the first feature as before, then a column of noise 1000 times wider that the check must not measure
        Random random = new Random(11);
        float[][] rows = correlatedRows();
        float[][] wider = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            wider[i] = new float[] {rows[i][0], (float) (1000 * random.nextGaussian())};
        }
        NoveltyCheck check = NoveltyFit.fit(wider, 1, 0, 3);
        assertThat(check.mean()).hasSize(1);
        assertThat(check.mean()[0]).isCloseTo(5, within(0.05));
        assertThat(check.scale()[0]).isCloseTo(2, within(0.03));
        // two sd of the first feature, whatever the second holds
        assertThat(check.distance(new float[] {9, 1e9f})).isCloseTo(2, within(0.05));
        assertThatThrownBy(() -> NoveltyFit.fit(wider, 3, 0, 3)).hasMessageContaining("1 to 2 columns");
    }

    @Test
    void trackMeansAverageEachTracksSegmentsAndSkipTracksWithout() {
        double[] distances = {1, 3, 10, 5};
        int[] track = {0, 0, 2, 0};
        assertThat(NoveltyFit.trackMeans(distances, track, 3)).containsExactly(3.0, 10.0);
    }

    @Test
    void quantileOfHeldOutDistances() {
        double[] values = new double[101];
        for (int i = 0; i <= 100; i++) {
            values[i] = i;
        }
        assertThat(NoveltyFit.quantile(values, 0.99)).isCloseTo(99.0, within(0.1));
        assertThat(NoveltyFit.quantile(values, 1.0)).isEqualTo(100.0);
    }
}
