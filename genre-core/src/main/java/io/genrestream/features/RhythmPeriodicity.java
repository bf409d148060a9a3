package io.genrestream.features;

import org.jtransforms.fft.DoubleFFT_1D;

import java.util.ArrayList;
import java.util.List;

/**
 * How periodic the onsets of a window are and at which periods: descriptors of the normalised autocorrelation of an
 * onset envelope (after Tzanetakis and Cook's beat histogram), for the columns of the summary row beyond GTZAN's
 * table. Pure: envelope in, {@link #COLUMNS} values out. The GTZAN table's single tempo hides what tells reggae from
 * hip-hop or swing from a straight beat: how strong the beat is, its second period, and the shape of the
 * autocorrelation between 0.1 and 3 s.
 *
 * <p>Written here: TarsosDSP detects onsets and beats but has no periodicity descriptors, and these must be computed
 * identically by the trainer and the app from the onset envelope they already share with the tempo estimate.
 */
public final class RhythmPeriodicity {

    /** Lags searched for the two strongest periods, in seconds (240 to 30 BPM). */
    public static final double MIN_PERIOD_S = 0.25;
    /** See {@link #MIN_PERIOD_S}. */
    public static final double MAX_PERIOD_S = 2.0;
    /** Log-spaced lags at which the autocorrelation itself is a column, in seconds. */
    public static final double[] GRID_S = grid(0.1, 3.0, 12);
    /** Column names, in order. */
    public static final List<String> COLUMNS = columns();

    private RhythmPeriodicity() {
    }

    private static double[] grid(double from, double to, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * i / (n - 1));
        }
        return g;
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("rhythm_peak1", "rhythm_peak2", "rhythm_peak_ratio",
                "rhythm_period1_log_bpm", "rhythm_period2_log_bpm", "rhythm_ac_mean", "rhythm_ac_std",
                "onset_std", "onset_strong_share"));
        for (int i = 1; i <= GRID_S.length; i++) {
            c.add("rhythm_ac" + i);
        }
        return List.copyOf(c);
    }

    /**
     * The {@link #COLUMNS} of an onset envelope sampled at {@code framesPerSecond}; all 0 for an envelope too short
     * to hold a period of {@link #MIN_PERIOD_S} or without variation (silence).
     */
    public static double[] of(float[] envelope, double framesPerSecond) {
        double[] out = new double[COLUMNS.size()];
        int n = envelope.length;
        double[] x = centred(envelope);
        int maxLag = Math.min(n - 1, (int) Math.ceil(GRID_S[GRID_S.length - 1] * framesPerSecond) + 1);
        double[] ac = autocorrelation(x, maxLag);
        int lo = (int) Math.ceil(MIN_PERIOD_S * framesPerSecond);
        int hi = Math.min(maxLag, (int) Math.floor(MAX_PERIOD_S * framesPerSecond));
        if (ac.length == 0 || ac[0] <= 0 || hi - lo < 2) {
            return out;
        }
        for (int lag = ac.length - 1; lag >= 0; lag--) {
            ac[lag] /= ac[0];
        }
        int[] periods = strongestPeriods(ac, lo, hi);
        double sum = 0;
        double sumSq = 0;
        for (int lag = lo; lag <= hi; lag++) {
            sum += ac[lag];
            sumSq += ac[lag] * ac[lag];
        }
        int inBand = hi - lo + 1;
        double acMean = sum / inBand;
        double sd = 0;
        for (double v : x) {
            sd += v * v;
        }
        sd = Math.sqrt(sd / n);
        int strong = 0;
        for (double v : x) {
            strong += v > sd ? 1 : 0;
        }
        int i = 0;
        out[i++] = ac[periods[0]];
        out[i++] = ac[periods[1]];
        out[i++] = ac[periods[0]] > 0 ? ac[periods[1]] / ac[periods[0]] : 0;
        out[i++] = Math.log(60.0 * framesPerSecond / periods[0]);
        out[i++] = Math.log(60.0 * framesPerSecond / periods[1]);
        out[i++] = acMean;
        out[i++] = Math.sqrt(Math.max(0, sumSq / inBand - acMean * acMean));
        out[i++] = sd;
        out[i++] = (double) strong / n;
        for (double lagS : GRID_S) {
            double at = lagS * framesPerSecond;
            int k = (int) Math.floor(at);
            // linear interpolation; lags beyond the window read 0
            out[i++] = k + 1 < ac.length ? ac[k] + (at - k) * (ac[k + 1] - ac[k]) : 0;
        }
        return out;
    }

    private static double[] centred(float[] envelope) {
        double mean = 0;
        for (float v : envelope) {
            mean += v;
        }
        mean = envelope.length == 0 ? 0 : mean / envelope.length;
        double[] x = new double[envelope.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = envelope[i] - mean;
        }
        return x;
    }

    /**
     * Unnormalised autocorrelation for lags 0..maxLag through the FFT (zero-padded past n + maxLag, so no lag wraps):
     * a tenth of the direct sum's time for a 1,300-frame window and 130 lags.
     */
    static double[] autocorrelation(double[] x, int maxLag) {
        if (maxLag < 0) {
            return new double[0];
        }
        int size = Integer.highestOneBit(Math.max(2, x.length + maxLag) * 2 - 1);
        double[] buf = java.util.Arrays.copyOf(x, size);
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        fft.realForward(buf);
        buf[0] *= buf[0];
        buf[1] *= buf[1];
        for (int k = 2; k < size; k += 2) {
            buf[k] = buf[k] * buf[k] + buf[k + 1] * buf[k + 1];
            buf[k + 1] = 0;
        }
        fft.realInverse(buf, true);
        return java.util.Arrays.copyOf(buf, maxLag + 1);
    }

    /**
     * Lags of the two highest local maxima strictly inside {@code lo..hi}; without a maximum, the highest lag there
     * twice; with one, that lag twice.
     */
    private static int[] strongestPeriods(double[] ac, int lo, int hi) {
        int first = -1;
        int second = -1;
        for (int lag = lo + 1; lag < hi; lag++) {
            if (ac[lag] > ac[lag - 1] && ac[lag] >= ac[lag + 1]) {
                if (first < 0 || ac[lag] > ac[first]) {
                    second = first;
                    first = lag;
                } else if (second < 0 || ac[lag] > ac[second]) {
                    second = lag;
                }
            }
        }
        if (first < 0) {
            first = lo;
            for (int lag = lo; lag <= hi; lag++) {
                first = ac[lag] > ac[first] ? lag : first;
            }
        }
        return new int[] {first, second < 0 ? first : second};
    }
}
