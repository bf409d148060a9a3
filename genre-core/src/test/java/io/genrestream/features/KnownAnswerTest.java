package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Frame features of synthetic signals whose answers are known analytically. */
class KnownAnswerTest {

    private static final FeatureConfig CONFIG = FeatureConfig.librosaDefaults();
    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.builder().setConfig(CONFIG)
            .optHarmonicPercussive(false).optOnsetEnvelope(false).build();
    private static final int SR = CONFIG.sampleRate();

    static float[] sine(double hz, double amplitude, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / SR));
        }
        return y;
    }

    /** Mean over the frames whose window lies fully inside the signal. */
    static double interiorMean(float[] perFrame) {
        int skip = CONFIG.nFft() / CONFIG.hopLength();
        double s = 0;
        int n = 0;
        for (int t = skip; t < perFrame.length - skip; t++) {
            s += perFrame[t];
            n++;
        }
        return s / n;
    }

    @Test
    void sineCentroidIsItsFrequencyAndRolloffJustAbove() {
        for (double hz : new double[] {440.0, 1000.0, 3000.0}) {
            FrameFeatures f = EXTRACTOR.frames(sine(hz, 0.5, SR * 3));
            assertThat(interiorMean(f.spectralCentroid())).as("centroid of %s Hz", hz).isCloseTo(hz, within(hz * 0.01));
            // the Hann main lobe is 4 bins wide: 85 % of the magnitude lies within 2 bins of the tone
            assertThat(interiorMean(f.rolloff())).isBetween(hz, hz + 2.0 * SR / CONFIG.nFft());
        }
    }

    @Test
    void sineRmsIsAmplitudeOverRootTwo() {
        FrameFeatures f = EXTRACTOR.frames(sine(1000.0, 0.5, SR * 3));
        assertThat(interiorMean(f.rms())).isCloseTo(0.5 / Math.sqrt(2), within(1e-3));
    }

    @Test
    void sineZeroCrossingRateIsTwiceItsFrequencyOverRate() {
        double hz = 1000.0;
        FrameFeatures f = EXTRACTOR.frames(sine(hz, 0.5, SR * 3));
        // 2047 sample pairs per 2048-sample frame: at most one crossing more or less than 2 f / sr per sample
        assertThat(interiorMean(f.zeroCrossingRate())).isCloseTo(2 * hz / SR, within(1.5 / CONFIG.nFft()));
    }

    @Test
    void a440IsPitchClassAAndTuningIsZero() {
        FrameFeatures f = EXTRACTOR.frames(sine(440.0, 0.5, SR * 3));
        // librosa's parabolic peak interpolation on the Hann power spectrum is biased by a few cents
        assertThat(f.tuning()).isCloseTo(0.0, within(0.03));
        float[][] chroma = f.chroma();
        int t = chroma.length / 2;
        int best = 0;
        for (int c = 1; c < 12; c++) {
            if (chroma[t][c] > chroma[t][best]) {
                best = c;
            }
        }
        assertThat(best).as("pitch class index (0 = C)").isEqualTo(9);
        assertThat(chroma[t][9]).isEqualTo(1.0f);
        assertThat(f.column("chroma10")[t]).isEqualTo(1.0f);
    }

    @Test
    void detunedToneGivesItsTuning() {
        double quarterSharp = 440.0 * Math.pow(2, 0.25 / 12);
        FrameFeatures f = EXTRACTOR.frames(sine(quarterSharp, 0.5, SR * 3));
        assertThat(f.tuning()).isCloseTo(0.25, within(0.04));
    }

    @Test
    void silenceGivesDefinedFiniteValues() {
        FrameFeatures f = EXTRACTOR.frames(new float[SR * 3]);
        assertThat(f.frames()).isEqualTo(CONFIG.framesPerSegment());
        assertThat(f.tuning()).isEqualTo(0.0);
        float expectedMfcc1 = (float) (-100.0 * Math.sqrt(CONFIG.nMels())); // every band at the amin floor, -100 dB
        for (int t = 0; t < f.frames(); t++) {
            assertThat(f.mfcc()[t][0]).isCloseTo(expectedMfcc1, within(1e-2f));
            assertThat(f.mfcc()[t][1]).isCloseTo(0f, within(1e-3f));
            assertThat(f.chroma()[t]).containsOnly(0f);
        }
        assertThat(f.spectralCentroid()).containsOnly(0f);
        assertThat(f.spectralBandwidth()).containsOnly(0f);
        assertThat(f.rolloff()).containsOnly(0f);
        assertThat(f.zeroCrossingRate()).containsOnly(0f);
        assertThat(f.rms()).containsOnly(0f);
    }

    @Test
    void inputShorterThanOneFrameGivesOneFrame() {
        FrameFeatures f = EXTRACTOR.frames(sine(1000.0, 0.5, 100));
        assertThat(f.frames()).isEqualTo(1);
        assertThat(f.rms()[0]).isGreaterThan(0f).isLessThan(0.5f);
    }

    @Test
    void emptyAndNonFiniteInputIsRejected() {
        assertThatThrownBy(() -> EXTRACTOR.frames(new float[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        float[] y = sine(440.0, 0.5, 4096);
        y[1000] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> EXTRACTOR.frames(y)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1000");
        y[1000] = Float.NaN;
        assertThatThrownBy(() -> EXTRACTOR.frames(y)).hasMessageContaining("NaN");
    }
}
