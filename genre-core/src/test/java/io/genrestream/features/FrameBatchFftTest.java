package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The frame-batched FFT against JTransforms (via {@link Stft#power}), frame by frame and bin by bin. */
class FrameBatchFftTest {

    @ParameterizedTest
    @CsvSource({"8, 2, zero, 37", "16, 4, reflect, 100", "64, 16, zero, 1000", "2048, 512, reflect, 66150",
            "4096, 1024, zero, 22050", "2048, 300, zero, 5000"})
    void powerMatchesJTransformsPerFrame(int nFft, int hop, String padding, int length) {
        Random rnd = new Random(nFft + hop + length);
        float[] y = new float[length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (Math.sin(i * 0.05) + 0.3 * rnd.nextGaussian());
        }
        Stft stft = new Stft(nFft, hop, padding);
        float[][] expected = stft.power(y); // [frame][bin], JTransforms per frame
        float[][] byBin = stft.powerByBin(y, stft.centerPadded(y));
        assertThat(byBin).hasNumberOfRows(nFft / 2 + 1);
        for (int t = 0; t < expected.length; t++) {
            float peak = 0f;
            for (float v : expected[t]) {
                peak = Math.max(peak, v);
            }
            for (int k = 0; k < expected[t].length; k++) {
                // float rounding of two FFT algorithms: relative to the frame's peak power
                assertThat(Math.abs(byBin[k][t] - expected[t][k]))
                        .as("frame %d bin %d: %s vs %s", t, k, byBin[k][t], expected[t][k])
                        .isLessThanOrEqualTo(2e-5f * peak + 1e-12f);
            }
        }
    }

    @Test
    void pureToneLandsInItsBin() {
        int nFft = 256;
        float[] y = new float[4096];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.cos(2 * Math.PI * 10 * i / nFft); // exactly bin 10
        }
        Stft stft = new Stft(nFft, 64, Stft.PAD_ZERO);
        float[][] p = stft.powerByBin(y, stft.centerPadded(y));
        int mid = p[0].length / 2;
        // periodic Hann: bin 10 holds (nFft / 4)^2, its neighbours (nFft / 8)^2, the rest nothing
        assertThat(p[10][mid]).isCloseTo(64f * 64f, org.assertj.core.data.Percentage.withPercentage(1e-3));
        assertThat(p[9][mid]).isCloseTo(32f * 32f, org.assertj.core.data.Percentage.withPercentage(1e-3));
        assertThat(p[30][mid]).isLessThan(1e-6f);
    }

    @Test
    void rejectsSizesThatAreNotPowersOfTwo() {
        assertThatThrownBy(() -> new FrameBatchFft(1000, new float[1000])).hasMessageContaining("power of two");
    }
}
