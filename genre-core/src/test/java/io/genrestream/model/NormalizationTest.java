package io.genrestream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void fitsMeanAndPopulationStdPerColumn() {
        Normalization n = Normalization.fit(new float[][] {{1, 10, 5}, {3, 30, 5}, {5, 20, 5}});
        assertThat(n.mean()).containsExactly(new float[] {3, 20, 5}, within(1e-6f));
        // population std of {1,3,5} = sqrt(8/3); constant column gets std 1
        assertThat(n.std()).containsExactly(new float[] {1.6329932f, 8.164966f, 1f}, within(1e-5f));
        assertThat(n.apply(new float[] {5, 20, 7})).containsExactly(new float[] {1.2247449f, 0f, 2f}, within(1e-5f));
    }

    @Test
    void fitsFramesOverAllSegments() {
        Normalization n = Normalization.fitFrames(new float[][][] {{{0f}, {2f}}, {{4f}, {6f}}});
        assertThat(n.mean()[0]).isEqualTo(3f);
        assertThat(n.std()[0]).isCloseTo((float) Math.sqrt(5), within(1e-6f));
    }

    @Test
    void logColumnsAreStandardisedAsLogarithms() {
        // column 1 is log-scaled: ln(e)=1, ln(e^3)=3 -> mean 2, std 1; column 0 plain: mean 2, std 1
        Normalization n = Normalization.fit(new float[][] {{1, (float) Math.E}, {3, (float) Math.exp(3)}},
                new int[] {1});
        assertThat(n.mean()).containsExactly(new float[] {2, 2}, within(1e-5f));
        assertThat(n.std()).containsExactly(new float[] {1, 1}, within(1e-5f));
        assertThat(n.apply(new float[] {4, (float) Math.exp(5)})).containsExactly(new float[] {2, 3}, within(1e-4f));
        // zero variance is floored, not -infinity
        assertThat(n.apply(new float[] {2, 0})[1]).isCloseTo((float) (Math.log(1e-12) - 2), within(1e-3f));
    }

    @Test
    void roundTripsThroughBundleJson() throws Exception {
        Normalization n = new Normalization(new float[] {1.5f, -2f}, new float[] {0.25f, 3f}, new int[] {1});
        String json = ModelBundle.json().writeValueAsString(n);
        assertThat(ModelBundle.json().readValue(json, Normalization.class)).isEqualTo(n);
    }
}
