package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TempoEstimatorTest {

    private static final FeatureConfig CFG = OnsetTestSignals.config("zero");
    private static final double FRAME_RATE_BPM = 60.0 * 22050 / 512;

    @Test
    void tempoGridIsLibrosas() {
        double[] bpms = TempoEstimator.tempoFrequencies(344, 22050, 512);
        assertThat(bpms[0]).isInfinite();
        assertThat(bpms[21]).isEqualTo(123.046875);
        assertThat(bpms[27]).isEqualTo(95.703125);
        assertThat(TempoEstimator.builder().setConfig(CFG).build().winLength()).isEqualTo(344);
    }

    @Test
    void clickTracksOnTheGridComeBackExactly() {
        // 21 and 27 frames per beat: 123.046875 and 95.703125 BPM
        for (int lag : new int[] {21, 27, 35}) {
            float[] y = OnsetTestSignals.clicks(lag * 512.0, 700, 30 * 22050, lag);
            assertThat(TempoEstimator.estimate(y, CFG)).as("lag %d", lag).isEqualTo(FRAME_RATE_BPM / lag);
        }
    }

    @Test
    void clickTracksOffTheGridLandOnANeighbouringGridTempo() {
        // 120 BPM is 21.53 frames per beat, 90 BPM 28.71: the grid's nearest lags are 22 and 29 (2.1% and 1.0% off);
        // either neighbour is one grid step, the resolution librosa reports tempo with
        for (double bpm : new double[] {120.0, 90.0, 100.0}) {
            double lag = FRAME_RATE_BPM / bpm;
            double estimate = TempoEstimator.estimate(OnsetTestSignals.clickTrack(bpm, 30.0, 3), CFG);
            assertThat(estimate).as("%s BPM", bpm)
                    .isIn(FRAME_RATE_BPM / Math.floor(lag), FRAME_RATE_BPM / Math.ceil(lag));
        }
    }

    @Test
    void concatenatedSegmentEnvelopesGiveTheTrackTempo() {
        float[] y = OnsetTestSignals.clicks(27 * 512.0, 700, 30 * 22050, 8);
        int segment = 3 * 22050;
        OnsetStrength onsets = OnsetStrength.builder().setConfig(CFG).optAggregate(OnsetStrength.Aggregate.MEDIAN)
                .build();
        float[] all = new float[0];
        for (int start = 0; start + segment <= y.length; start += segment) {
            float[] env = onsets.envelope(java.util.Arrays.copyOfRange(y, start, start + segment));
            float[] joined = java.util.Arrays.copyOf(all, all.length + env.length);
            System.arraycopy(env, 0, joined, all.length, env.length);
            all = joined;
        }
        assertThat(TempoEstimator.fromEnvelope(all, CFG)).isEqualTo(95.703125);
    }

    @Test
    void meanTempogramIsTheMeanOfEachFramesNormalisedAutocorrelation() {
        // the blocked FFT route against librosa's definition computed directly in the time domain: 1300 frames (a
        // 30 s window, three FFT blocks), 1 frame, and a window of silence in the middle (frames left unnormalised)
        TempoEstimator tempo = TempoEstimator.builder().setConfig(CFG).build();
        java.util.Random random = new java.util.Random(7);
        for (int n : new int[] {1300, 1, 700}) {
            float[] envelope = new float[n];
            for (int i = 0; i < n; i++) {
                envelope[i] = n == 700 && i > 200 && i < 600 ? 0f : (float) Math.abs(random.nextGaussian());
            }
            double[] expected = directMeanTempogram(envelope, tempo.winLength());
            double[] actual = tempo.meanTempogram(envelope);
            assertThat(actual).hasSize(tempo.winLength());
            for (int lag = 0; lag < actual.length; lag++) {
                assertThat(actual[lag]).as("%d frames, lag %d", n, lag).isCloseTo(expected[lag], within(2e-6));
            }
        }
    }

    /** librosa.feature.tempogram (linear-ramp padding, Hann window, autocorrelation, max-normalised), frame mean. */
    private static double[] directMeanTempogram(float[] envelope, int w) {
        int n = envelope.length;
        int pad = w / 2;
        double[] padded = new double[n + 2 * pad];
        for (int i = 0; i < pad; i++) {
            padded[i] = envelope[0] * (double) i / pad;
            padded[pad + n + i] = envelope[n - 1] * (double) (pad - 1 - i) / pad;
        }
        for (int i = 0; i < n; i++) {
            padded[pad + i] = envelope[i];
        }
        double[] mean = new double[w];
        double[] frame = new double[w];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < w; i++) {
                frame[i] = padded[j + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / w));
            }
            double[] ac = new double[w];
            for (int lag = 0; lag < w; lag++) {
                for (int i = 0; i + lag < w; i++) {
                    ac[lag] += frame[i] * frame[i + lag];
                }
            }
            double peak = ac[0] < Double.MIN_NORMAL ? 1.0 : ac[0];
            for (int lag = 0; lag < w; lag++) {
                mean[lag] += ac[lag] / peak / n;
            }
        }
        return mean;
    }

    @Test
    void silenceGivesZeroLikeLibrosasBeatTracker() {
        assertThat(TempoEstimator.estimate(new float[5 * 22050], CFG)).isZero();
        assertThat(TempoEstimator.fromEnvelope(new float[100], CFG)).isZero();
    }

    @Test
    void priorCentreMovesTheChoiceBetweenOctaves() {
        // clicks every 21 frames also correlate at 42 frames (61.5 BPM); a prior centred at 60 BPM prefers that
        float[] env = OnsetStrength.builder().setConfig(CFG).optAggregate(OnsetStrength.Aggregate.MEDIAN).build()
                .envelope(OnsetTestSignals.clicks(21 * 512.0, 700, 30 * 22050, 9));
        assertThat(TempoEstimator.builder().setConfig(CFG).build().tempo(env)).isEqualTo(FRAME_RATE_BPM / 21);
        assertThat(TempoEstimator.builder().setConfig(CFG).optStartBpm(60).optStdBpm(0.3).build().tempo(env))
                .isEqualTo(FRAME_RATE_BPM / 42);
    }

    @Test
    void badSettingsAndInputAreRejected() {
        assertThatThrownBy(() -> TempoEstimator.builder().build()).hasMessageContaining("setConfig");
        assertThatThrownBy(() -> TempoEstimator.builder().setConfig(CFG).optStartBpm(0).build())
                .hasMessageContaining("startBpm");
        assertThatThrownBy(() -> TempoEstimator.builder().setConfig(CFG).optAcSizeSeconds(0.01).build())
                .hasMessageContaining("two frames");
        assertThatThrownBy(() -> TempoEstimator.fromEnvelope(new float[0], CFG)).hasMessageContaining("empty");
        assertThatThrownBy(() -> TempoEstimator.fromEnvelope(new float[] {Float.NaN}, CFG))
                .hasMessageContaining("non-finite");
    }
}
