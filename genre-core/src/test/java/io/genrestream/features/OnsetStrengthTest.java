package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OnsetStrengthTest {

    private static final FeatureConfig CFG = OnsetTestSignals.config("zero");

    @Test
    void envelopeHasOneValuePerCentredFrameAndLeadingPad() {
        float[] y = OnsetTestSignals.clickTrack(120, 3.0, 4);
        float[] env = OnsetStrength.envelope(y, CFG);
        assertThat(env).hasSize(1 + y.length / 512);
        // lag 1 + nFft / (2 hop) = 3 leading zeros
        assertThat(env[0]).isZero();
        assertThat(env[1]).isZero();
        assertThat(env[2]).isZero();
    }

    @Test
    void peaksSitAtTheClickFrames() {
        int period = 11025;
        int first = 5000;
        float[] y = OnsetTestSignals.clicks(period, first, 4 * OnsetTestSignals.SR, 5);
        float[] env = OnsetStrength.envelope(y, CFG);
        float max = 0;
        for (float v : env) {
            max = Math.max(max, v);
        }
        for (int click = first; click < y.length - 2048; click += period) {
            int frame = Math.round(click / 512f);
            float local = 0;
            for (int f = frame - 1; f <= frame + 2; f++) {
                local = Math.max(local, env[f]);
            }
            assertThat(local).as("onset near frame %d", frame).isGreaterThan(0.5f * max);
        }
        // halfway between clicks the envelope is low
        int between = Math.round((first + period / 2f) / 512f);
        assertThat(env[between]).isLessThan(0.1f * max);
    }

    @Test
    void medianAggregateIsAtMostTheMeanForBroadbandClicksAndPositive() {
        float[] y = OnsetTestSignals.clickTrack(100, 3.0, 6);
        float[] mean = OnsetStrength.envelope(y, CFG);
        float[] median = OnsetStrength.builder().setConfig(CFG).optAggregate(OnsetStrength.Aggregate.MEDIAN).build()
                .envelope(y);
        assertThat(median).hasSameSizeAs(mean);
        double sumMedian = 0;
        for (float v : median) {
            assertThat(v).isGreaterThanOrEqualTo(0f);
            sumMedian += v;
        }
        assertThat(sumMedian).isPositive();
    }

    @Test
    void medianAggregateIsNumpysMedianOfTheClippedFluxWhateverTheShareOfZeros() {
        int bands = 128;
        int frames = 60;
        java.util.Random random = new java.util.Random(7);
        float[][] logMel = new float[frames][bands];
        for (int t = 0; t < frames; t++) {
            // from mostly falling (flux mostly 0) to mostly rising (flux mostly positive) bands
            double rising = t / (double) (frames - 1);
            for (int m = 0; m < bands; m++) {
                float step = (float) (random.nextDouble() < rising ? random.nextDouble() : -random.nextDouble());
                logMel[t][m] = (t == 0 ? 0f : logMel[t - 1][m]) + step;
            }
        }
        float[] env = OnsetStrength.builder().setConfig(CFG).optAggregate(OnsetStrength.Aggregate.MEDIAN).build()
                .fromLogMel(logMel);
        int shift = OnsetStrength.LAG + CFG.nFft() / (2 * CFG.hopLength());
        for (int j = 0; j + shift < frames; j++) {
            float[] flux = new float[bands];
            for (int m = 0; m < bands; m++) {
                flux[m] = Math.max(0f, logMel[j + 1][m] - logMel[j][m]);
            }
            java.util.Arrays.sort(flux);
            float expected = (float) ((flux[bands / 2 - 1] + (double) flux[bands / 2]) / 2.0);
            assertThat(env[j + shift]).as("frame %d", j + shift).isEqualTo(expected);
        }
    }

    @Test
    void silenceGivesAZeroEnvelope() {
        float[] env = OnsetStrength.envelope(new float[22050], CFG);
        assertThat(env).hasSize(44);
        for (float v : env) {
            assertThat(v).isZero();
        }
    }
}
