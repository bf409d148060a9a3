package io.genrestream.features;

import java.util.List;

/**
 * How tonal a window is and how fast its harmony moves, from its chroma: per frame, the entropy of the chroma scaled
 * to sum 1 (low for a clear chord, high for noise or dense harmony), the L1 change of that scaled chroma from the
 * frame before (harmonic rhythm), and the 12 scaled values themselves; per window, how well the mean of those values
 * matches a key (Krumhansl and Kessler's major and minor key profiles, best Pearson correlation over the 24 keys),
 * major against minor, and the strongest pitch class. For the summary columns beyond GTZAN's table, whose chroma
 * columns are one mean and variance over all 12 pitch classes. Pure: chroma in, values out.
 *
 * <p>Written here: TarsosDSP has no key-profile matching, and the trainer and the app must compute these identically
 * from the chroma they already share.
 */
public final class ChromaTonality {

    /** Stream of the per-frame entropy of the chroma scaled to sum 1, in nats (0 to ln 12). */
    public static final String ENTROPY = "chroma_entropy";
    /** Stream of the per-frame L1 change of the scaled chroma. */
    public static final String FLUX = "chroma_flux";
    /** Key columns computed from the window's mean scaled chroma, in order. */
    public static final List<String> KEY_COLUMNS = List.of("key_clarity", "key_mode", "key_peak");
    /** Pitch classes. */
    public static final int PITCH_CLASSES = 12;

    /** Krumhansl and Kessler's probe-tone ratings for C major and C minor, from the tonic up. */
    private static final double[] MAJOR = {6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88};
    private static final double[] MINOR = {6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17};
    private static final double TINY = Float.MIN_NORMAL;

    private ChromaTonality() {
    }

    /** Name of the stream of the scaled chroma of pitch class {@code c} (0-based, C first): {@code pitch_class1}... */
    public static String pitchClassStream(int c) {
        return "pitch_class" + (c + 1);
    }

    /** Per-frame values of a chroma laid out {@code [frame][pitch class]}. */
    public record Frames(float[] entropy, float[] flux, float[][] scaledByPitchClass) {
    }

    /**
     * Entropy, change and scaled values of {@code chroma} ({@code [frame][pitch class]}, any positive scale per frame;
     * a frame without energy counts as flat). The change has one value fewer than frames (one 0 for a single frame).
     */
    public static Frames of(float[][] chroma) {
        int frames = chroma.length;
        float[] entropy = new float[frames];
        float[][] scaled = new float[PITCH_CLASSES][frames];
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (float v : chroma[t]) {
                sum += v;
            }
            double h = 0;
            for (int c = 0; c < PITCH_CLASSES; c++) {
                double p = sum < TINY ? 1.0 / PITCH_CLASSES : chroma[t][c] / sum;
                scaled[c][t] = (float) p;
                if (p > 0) {
                    h -= p * Math.log(p);
                }
            }
            entropy[t] = (float) h;
        }
        float[] flux = new float[Math.max(1, frames - 1)];
        for (int t = 1; t < frames; t++) {
            double d = 0;
            for (int c = 0; c < PITCH_CLASSES; c++) {
                d += Math.abs(scaled[c][t] - scaled[c][t - 1]);
            }
            flux[t - 1] = (float) d;
        }
        return new Frames(entropy, flux, scaled);
    }

    /**
     * {@link #KEY_COLUMNS} of a mean scaled chroma profile: the best correlation with the 24 key profiles, the best
     * major minus the best minor correlation, and the largest value of the profile scaled to sum 1. A flat profile
     * correlates 0 with every key.
     */
    public static double[] keyColumns(double[] profile) {
        double sum = 0;
        for (double v : profile) {
            sum += v;
        }
        double peak = 0;
        for (double v : profile) {
            peak = Math.max(peak, sum < TINY ? 1.0 / PITCH_CLASSES : v / sum);
        }
        double major = Double.NEGATIVE_INFINITY;
        double minor = Double.NEGATIVE_INFINITY;
        for (int key = 0; key < PITCH_CLASSES; key++) {
            major = Math.max(major, correlation(profile, MAJOR, key));
            minor = Math.max(minor, correlation(profile, MINOR, key));
        }
        return new double[] {Math.max(major, minor), major - minor, peak};
    }

    /** Pearson correlation of {@code profile} with {@code template} transposed up {@code key} semitones. */
    static double correlation(double[] profile, double[] template, int key) {
        double mp = 0;
        double mt = 0;
        for (int c = 0; c < PITCH_CLASSES; c++) {
            mp += profile[c];
            mt += template[c];
        }
        mp /= PITCH_CLASSES;
        mt /= PITCH_CLASSES;
        double cov = 0;
        double vp = 0;
        double vt = 0;
        for (int c = 0; c < PITCH_CLASSES; c++) {
            double p = profile[c] - mp;
            double q = template[Math.floorMod(c - key, PITCH_CLASSES)] - mt;
            cov += p * q;
            vp += p * p;
            vt += q * q;
        }
        return vp < 1e-20 ? 0.0 : cov / Math.sqrt(vp * vt);
    }
}
