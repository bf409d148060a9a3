package io.genrestream.features;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpectralContrastTest {

    private static final int BINS = 1025;
    private final SpectralContrast contrast = new SpectralContrast(22050, 2048);

    private static float[][] flat(int frames, float level) {
        float[][] m = new float[BINS][frames];
        for (float[] row : m) {
            Arrays.fill(row, level);
        }
        return m;
    }

    /** The 7 bands' contrast at frame {@code t} of a {@code [band][frame]} result. */
    private static float[] frame(float[][] byBand, int t) {
        float[] f = new float[byBand.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = byBand[k][t];
        }
        return f;
    }

    @Test
    void aFlatSpectrumHasNoContrastInAnyBand() {
        float[][] c = contrast.of(flat(3, 0.5f), 3);
        assertThat(c).hasDimensions(SpectralContrast.BANDS, 3);
        for (float[] band : c) {
            for (float v : band) {
                assertThat(v).isCloseTo(0f, within(1e-6f));
            }
        }
    }

    @Test
    void onePeakStandsOutInItsOctaveOnly() {
        // bin 93 is 1001 Hz, in the 800-1600 Hz band: bins 74..148 with the one below, 75 bins, so the top and
        // bottom 2 % are rint(1.5) = 2 bins each; the peak is (1000 + 1) / 2
        float[][] m = flat(1, 1f);
        m[93][0] = 1000f;
        float[] c = frame(contrast.of(m, 1), 0);
        assertThat(c[3]).isCloseTo((float) (10 * Math.log10(500.5)), within(1e-4f));
        for (int k = 0; k < SpectralContrast.BANDS; k++) {
            if (k != 3) {
                assertThat(c[k]).as("band %d", k).isCloseTo(0f, within(1e-6f));
            }
        }
    }

    @Test
    void aDeepValleyIsFlooredEightyDecibelsBelowTheLoudestValley() {
        // band 0 (below 200 Hz, bins 0..18, one averaged at each end) gets a valley of 1e-12 against valleys of 1
        // elsewhere: power_to_db's top_db floor lifts it to -80 dB, so the contrast is 80 dB, not 120
        float[][] m = flat(1, 1f);
        m[0][0] = 1e-12f;
        assertThat(contrast.of(m, 1)[0][0]).isCloseTo(80f, within(1e-3f));
    }

    @Test
    void aToneOverFaintNoiseStandsOutInItsOctave() {
        // a 1 kHz sine at 0.5 over noise at 0.001: its band's contrast is the tone over the noise floor, about 49 dB
        // (10 log10 of the magnitude ratio: librosa applies power_to_db to magnitudes); the other bands hold noise
        // only, whose 2 % extremes lie within about 30 dB of each other
        float[] y = KnownAnswerTest.sine(1000, 0.5, 22050);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < y.length; i++) {
            y[i] += (float) (0.001 * random.nextGaussian());
        }
        Stft stft = new Stft(FeatureConfig.librosaDefaults());
        float[][] magnitude = stft.powerByBin(y, stft.centerPadded(y));
        for (float[] row : magnitude) {
            for (int t = 0; t < row.length; t++) {
                row[t] = (float) Math.sqrt(row[t]);
            }
        }
        int frames = magnitude[0].length;
        float[] middle = frame(contrast.of(magnitude, frames), frames / 2);
        assertThat(middle[3]).isBetween(45f, 52f);
        for (int k = 0; k < SpectralContrast.BANDS; k++) {
            if (k != 3) {
                assertThat(middle[k]).as("band %d", k).isBetween(5f, 30f);
            }
        }
    }
}
