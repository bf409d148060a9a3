package io.genrestream.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModulationSpectrumTest {

    /** librosa's frame rate at 22050 Hz, hop 512, and the frames of a 3 s segment. */
    private static final double FPS = 22050.0 / 512;
    private static final int FRAMES = 130;
    private final ModulationSpectrum spectrum = new ModulationSpectrum(FRAMES, FPS);

    /**
     * Band group 0 swings ±10 dB at 3 Hz, group 1 rises steadily, group 2 clicks 6 dB every 11 frames (3.9 Hz), the
     * rest is still. Expected values from numpy: groups of 16 bands averaged and centred, times
     * {@code np.hanning(130) / np.hanning(130).sum()}, {@code np.abs(np.fft.rfft)} averaged over the bins of each
     * range, {@code np.log(mean + 1e-3)}.
     */
    @Test
    void matchesNumpyOnARiseASwingAndClicks() {
        float[][] logMel = new float[FRAMES][128];
        for (int t = 0; t < FRAMES; t++) {
            for (int b = 0; b < 16; b++) {
                logMel[t][b] = (float) (10 * Math.sin(2 * Math.PI * 3.0 * t / FPS));
                logMel[t][16 + b] = 0.1f * t;
                logMel[t][32 + b] = t % 11 == 0 ? 6f : 0f;
            }
        }
        float[] m = spectrum.of(logMel);
        double[][] expected = {
            {-6.700744, -5.4826, 0.527743, -5.926706, -6.845275},
            {-1.484217, -3.806216, -5.508901, -6.578493, -6.870733},
            {-6.768121, -6.555082, -1.871852, -2.279671, -2.286675}};
        for (int g = 0; g < 3; g++) {
            for (int r = 0; r < ModulationSpectrum.RANGES; r++) {
                assertThat((double) m[g * ModulationSpectrum.RANGES + r]).as("group %d range %d", g, r)
                        .isCloseTo(expected[g][r], within(2e-4));
            }
        }
        // a still group: every range at the floor's log
        for (int r = 0; r < ModulationSpectrum.RANGES; r++) {
            assertThat(m[3 * ModulationSpectrum.RANGES + r]).isCloseTo((float) Math.log(1e-3), within(1e-6f));
        }
        assertThat(ModulationSpectrum.STREAMS).hasSize(40).startsWith("modulation1_1").endsWith("modulation8_5");
    }

    @Test
    void aConstantOffsetChangesNothing() {
        float[][] a = new float[FRAMES][128];
        float[][] b = new float[FRAMES][128];
        for (int t = 0; t < FRAMES; t++) {
            for (int band = 0; band < 128; band++) {
                a[t][band] = (float) Math.sin(t * 0.7 + band);
                b[t][band] = a[t][band] - 40f;
            }
        }
        float[] x = spectrum.of(a);
        float[] y = spectrum.of(b);
        for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).isCloseTo(x[i], within(1e-4f));
        }
    }

    @Test
    void refusesAnotherFrameCountOrBandsThatDoNotSplitIntoTheGroups() {
        assertThatThrownBy(() -> spectrum.of(new float[FRAMES - 1][128]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("129 x 128");
        assertThatThrownBy(() -> spectrum.of(new float[FRAMES][100]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> new ModulationSpectrum(0, FPS)).isInstanceOf(IllegalArgumentException.class);
    }
}
