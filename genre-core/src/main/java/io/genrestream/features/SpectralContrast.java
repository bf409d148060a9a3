package io.genrestream.features;

/**
 * librosa's {@code feature.spectral_contrast} (fmin 200 Hz, 6 octave bands, quantile 0.02, in dB): per frame and
 * band, the mean of the band's top 2 % magnitudes (peak) minus the mean of its bottom 2 % (valley), both through
 * {@code power_to_db} (ref 1, amin 1e-10, top_db 80 over all frames of the call), as librosa applies it to the
 * magnitude spectrogram. Seven values per frame: the bands below 200 Hz, 200–400 Hz, ... 6.4 kHz and above.
 *
 * <p>Written here rather than taken from a library: TarsosDSP has no spectral contrast, and the summary row needs
 * librosa's exact band edges and quantiles so that the trainer's numbers are the app's.
 */
public final class SpectralContrast {

    /** Bands per frame: {@link #OCTAVES} octave bands from {@link #FMIN_HZ} plus the band below it. */
    public static final int BANDS = 7;
    /** Lowest octave edge (librosa's fmin). */
    public static final double FMIN_HZ = 200.0;
    /** Octave bands above {@link #FMIN_HZ} (librosa's n_bands). */
    public static final int OCTAVES = 6;
    /** Share of a band's bins averaged for its peak and for its valley. */
    public static final double QUANTILE = 0.02;

    private static final double AMIN = 1e-10;
    private static final double TOP_DB = 80.0;

    /** First bin and bin count of each band's sub-band, and the number of bins averaged at each end. */
    private final int[] first = new int[BANDS];
    private final int[] count = new int[BANDS];
    private final int[] ends = new int[BANDS];

    /** Band layout for {@code nFft} at {@code sampleRate}. */
    public SpectralContrast(int sampleRate, int nFft) {
        int bins = nFft / 2 + 1;
        double[] octa = new double[OCTAVES + 2];
        for (int i = 1; i < octa.length; i++) {
            octa[i] = FMIN_HZ * Math.pow(2.0, i - 1);
        }
        for (int k = 0; k < BANDS; k++) {
            int lo = -1;
            int hi = -1;
            for (int b = 0; b < bins; b++) {
                double f = (double) b * sampleRate / nFft;
                if (f >= octa[k] && f <= octa[k + 1]) {
                    lo = lo < 0 ? b : lo;
                    hi = b;
                }
            }
            if (lo < 0) {
                throw new IllegalArgumentException("band " + k + " (" + octa[k] + "–" + octa[k + 1]
                        + " Hz) holds no bin at " + sampleRate + " Hz and n_fft " + nFft);
            }
            if (k > 0) {
                lo--; // librosa widens every band but the first by the bin below it
            }
            if (k == OCTAVES) {
                hi = bins - 1; // the last band runs to Nyquist
            }
            int inBand = hi - lo + 1;
            first[k] = lo;
            // librosa drops the band's last bin from the sorted sub-band, except in the last band,
            // but sizes the quantile on the whole band
            count[k] = k < OCTAVES ? inBand - 1 : inBand;
            ends[k] = Math.max(1, (int) Math.rint(QUANTILE * inBand));
        }
    }

    /**
     * Contrast per frame from the magnitude spectrogram laid out {@code [bin][frame]}.
     *
     * @return {@code [band][frame]}, {@link #BANDS} rows of one value per frame, in dB
     */
    public float[][] of(float[][] magnitudeByBin, int frames) {
        double[][] peak = new double[BANDS][frames];
        double[][] valley = new double[BANDS][frames];
        double maxPeakDb = Double.NEGATIVE_INFINITY;
        double maxValleyDb = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < BANDS; k++) {
            int q = ends[k];
            // the q smallest magnitudes are the q largest negated ones
            float[][] lowestNegated = largest(magnitudeByBin, first[k], count[k], frames, q, -1f);
            float[][] highest = largest(magnitudeByBin, first[k], count[k], frames, q, 1f);
            for (int t = 0; t < frames; t++) {
                double low = 0;
                double high = 0;
                for (int i = 0; i < q; i++) {
                    low -= lowestNegated[i][t];
                    high += highest[i][t];
                }
                peak[k][t] = toDb(high / q);
                valley[k][t] = toDb(low / q);
                maxPeakDb = Math.max(maxPeakDb, peak[k][t]);
                maxValleyDb = Math.max(maxValleyDb, valley[k][t]);
            }
        }
        float[][] contrast = new float[BANDS][frames];
        for (int k = 0; k < BANDS; k++) {
            for (int t = 0; t < frames; t++) {
                // power_to_db's top_db floor, taken over each matrix (peaks, valleys) as librosa does
                double p = Math.max(peak[k][t], maxPeakDb - TOP_DB);
                double v = Math.max(valley[k][t], maxValleyDb - TOP_DB);
                contrast[k][t] = (float) (p - v);
            }
        }
        return contrast;
    }

    /**
     * Per frame, the {@code q} largest of the bins {@code from .. from + n - 1} times {@code sign}, descending
     * ({@code [i][frame]}): with sign 1 what the last rows of librosa's sort hold, with sign -1 the first rows negated
     * (negation is exact, and the sums run in the same order as over the sort's rows, so the contrast is unchanged).
     * Each bin's row of frames is merged into the {@code q} rows by a max/min cascade (the larger of the bin and row i
     * stays in row i, the smaller moves on to row i + 1): no branch, and every step a loop over contiguous frames,
     * which C2 vectorises (q is 1 to 9 here, a band up to 430 bins).
     */
    private static float[][] largest(float[][] byBin, int from, int n, int frames, int q, float sign) {
        float[][] kept = new float[q][frames];
        for (float[] row : kept) {
            java.util.Arrays.fill(row, Float.NEGATIVE_INFINITY);
        }
        float[] moving = new float[frames];
        for (int b = from; b < from + n; b++) {
            float[] bin = byBin[b];
            for (int t = 0; t < frames; t++) {
                moving[t] = sign * bin[t];
            }
            for (float[] row : kept) {
                for (int t = 0; t < frames; t++) {
                    float v = moving[t];
                    float k = row[t];
                    row[t] = Math.max(k, v);
                    moving[t] = Math.min(k, v);
                }
            }
        }
        return kept;
    }

    private static double toDb(double x) {
        return 10.0 * Math.log10(Math.max(AMIN, x));
    }
}
