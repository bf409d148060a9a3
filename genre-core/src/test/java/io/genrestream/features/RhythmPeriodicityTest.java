package io.genrestream.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RhythmPeriodicityTest {

    private static final double FPS = 40.0;

    /** An onset every {@code period} frames for {@code seconds} at {@link #FPS}. */
    private static float[] clicks(int period, double seconds) {
        float[] e = new float[(int) (seconds * FPS)];
        for (int i = 0; i < e.length; i += period) {
            e[i] = 1f;
        }
        return e;
    }

    private static double column(double[] values, String name) {
        return values[RhythmPeriodicity.COLUMNS.indexOf(name)];
    }

    @Test
    void aClickEveryHalfSecondIsOneHundredTwentyBpmWithItsHalfAsSecondPeriod() {
        double[] r = RhythmPeriodicity.of(clicks(20, 30), FPS);
        assertThat(r).hasSize(RhythmPeriodicity.COLUMNS.size()).hasSize(21);
        assertThat(Math.exp(column(r, "rhythm_period1_log_bpm"))).isCloseTo(120.0, within(1e-9));
        assertThat(Math.exp(column(r, "rhythm_period2_log_bpm"))).isCloseTo(60.0, within(1e-9));
        // a lag of k periods overlaps all but k of the 60 clicks: 59/60 and 58/60 of the lag-0 energy (mean removed)
        assertThat(column(r, "rhythm_peak1")).isCloseTo(59.0 / 60, within(1e-3));
        assertThat(column(r, "rhythm_peak2")).isCloseTo(58.0 / 60, within(1e-3));
        // one frame in 20 is a click, more than one standard deviation above the mean
        assertThat(column(r, "onset_strong_share")).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void theGridReadsTheAutocorrelationAtItsLags() {
        // a sinusoidal envelope with the period of grid lag 7 (0.1 * 30^(6/11) = 0.639 s): the autocorrelation is
        // cos(2 pi lag / period) * (n - lag) / n, about 0.98 at that lag and -0.97 at grid lag 5 (0.344 s)
        double period = RhythmPeriodicity.GRID_S[6];
        assertThat(period).isCloseTo(0.639, within(1e-3));
        float[] e = new float[(int) (30 * FPS)];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) (1 + Math.sin(2 * Math.PI * i / FPS / period));
        }
        double[] r = RhythmPeriodicity.of(e, FPS);
        assertThat(column(r, "rhythm_ac7")).isCloseTo(0.98, within(0.02));
        assertThat(column(r, "rhythm_ac5")).isCloseTo(
                Math.cos(2 * Math.PI * RhythmPeriodicity.GRID_S[4] / period), within(0.03));
        assertThat(Math.exp(column(r, "rhythm_period1_log_bpm"))).isCloseTo(60 / period, within(2.5));
    }

    @Test
    void silenceAndTooShortEnvelopesGiveZeros() {
        assertThat(RhythmPeriodicity.of(new float[400], FPS)).containsOnly(0.0);
        assertThat(RhythmPeriodicity.of(clicks(2, 0.2), FPS)).containsOnly(0.0);
        assertThat(RhythmPeriodicity.of(new float[0], FPS)).containsOnly(0.0);
    }

    @Test
    void theAutocorrelationThroughTheFftIsTheDirectSum() {
        java.util.Random random = new java.util.Random(3);
        for (int n : new int[] {1, 7, 130, 1300}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
            }
            int maxLag = Math.min(n - 1, 131);
            double[] ac = RhythmPeriodicity.autocorrelation(x, maxLag);
            assertThat(ac).hasSize(maxLag + 1);
            for (int lag = 0; lag <= maxLag; lag++) {
                double direct = 0;
                for (int i = lag; i < n; i++) {
                    direct += x[i] * x[i - lag];
                }
                assertThat(ac[lag]).as("n %d lag %d", n, lag).isCloseTo(direct, within(1e-9 * n));
            }
        }
        assertThat(RhythmPeriodicity.autocorrelation(new double[0], -1)).isEmpty();
    }
}
