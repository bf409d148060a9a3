package io.genrestream.features;

import java.util.ArrayList;
import java.util.List;

/**
 * How a frame's power is spread over octave bands, and how loud the frame is: per frame, the natural log of each
 * band's share of the frame's STFT power, in the bands of {@link SpectralContrast} without their overlap (below
 * 200 Hz, 200–400 Hz, ... 6.4 kHz to Nyquist), and the frame's total power in dB. For the summary columns beyond
 * GTZAN's table: the table's centroid and roll-off give one number for where the energy sits, which cannot tell a
 * bass-heavy reggae or hip-hop mix from a guitar-heavy rock one of the same centroid. Pure: spectrogram in, rows out.
 *
 * <p>Written here: no library on the class path computes band-energy ratios of a spectrogram laid out
 * {@code [bin][frame]}, and the trainer and the app must compute them identically.
 */
public final class SpectralBalance {

    /** Bands per frame, those of {@link SpectralContrast}. */
    public static final int BANDS = SpectralContrast.BANDS;
    /** Stream of the frame's total STFT power in dB. */
    public static final String LOUDNESS = "loudness_db";
    /** Stream of the absolute change of {@link #LOUDNESS} from one frame to the next, in dB. */
    public static final String LOUDNESS_CHANGE = "loudness_change";
    /** Every stream, in column order. */
    public static final List<String> STREAMS = streams();

    /** Power added to each band (and {@link #BANDS} times to the total) so that silent frames get equal shares. */
    private static final double FLOOR = 1e-10;

    /** Band of each bin. */
    private final int[] bandOfBin;

    /**
     * Band layout for {@code nFft} at {@code sampleRate}: bin k is in band j when its frequency is in
     * [edge j, edge j + 1).
     */
    public SpectralBalance(int sampleRate, int nFft) {
        bandOfBin = new int[nFft / 2 + 1];
        for (int b = 0; b < bandOfBin.length; b++) {
            double f = (double) b * sampleRate / nFft;
            int band = 0;
            while (band < BANDS - 1 && f >= SpectralContrast.FMIN_HZ * Math.pow(2.0, band)) {
                band++;
            }
            bandOfBin[b] = band;
        }
    }

    /**
     * Name of the share stream of band {@code k} (0-based): {@code band_share1} (below 200 Hz) to
     * {@code band_share7}.
     */
    public static String shareStream(int k) {
        return "band_share" + (k + 1);
    }

    private static List<String> streams() {
        List<String> s = new ArrayList<>();
        for (int k = 0; k < BANDS; k++) {
            s.add(shareStream(k));
        }
        s.add(LOUDNESS);
        s.add(LOUDNESS_CHANGE);
        return List.copyOf(s);
    }

    /** Band shares {@code [band][frame]} (natural log) and loudness per frame. */
    public record Frames(float[][] logShares, float[] loudnessDb) {

        /** |loudness(t) − loudness(t − 1)| for t ≥ 1; one 0 for a single frame. */
        public float[] loudnessChange() {
            if (loudnessDb.length < 2) {
                return new float[loudnessDb.length];
            }
            float[] d = new float[loudnessDb.length - 1];
            for (int t = 1; t < loudnessDb.length; t++) {
                d[t - 1] = Math.abs(loudnessDb[t] - loudnessDb[t - 1]);
            }
            return d;
        }
    }

    /** The band shares and loudness of the magnitude spectrogram laid out {@code [bin][frame]}. */
    public Frames of(float[][] magnitudeByBin, int frames) {
        double[][] power = new double[BANDS][frames];
        for (int b = 0; b < magnitudeByBin.length; b++) {
            float[] row = magnitudeByBin[b];
            double[] band = power[bandOfBin[b]];
            for (int t = 0; t < frames; t++) {
                band[t] += (double) row[t] * row[t];
            }
        }
        float[][] shares = new float[BANDS][frames];
        float[] loudness = new float[frames];
        for (int t = 0; t < frames; t++) {
            double total = 0;
            for (int k = 0; k < BANDS; k++) {
                total += power[k][t];
            }
            double floored = total + BANDS * FLOOR;
            for (int k = 0; k < BANDS; k++) {
                shares[k][t] = (float) Math.log((power[k][t] + FLOOR) / floored);
            }
            loudness[t] = (float) (10.0 * Math.log10(Math.max(FLOOR, total)));
        }
        return new Frames(shares, loudness);
    }
}
