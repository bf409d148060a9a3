package io.genrestream.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The summary row of a segment's rolling window. {@link #COLUMNS}: the 57 features of the Kaggle GTZAN table, in its
 * column order: mean and population variance over frames of chroma_stft, rms, spectral_centroid, spectral_bandwidth,
 * rolloff, zero_crossing_rate, of the harmonic and percussive signals' samples (harmony, perceptr), then tempo, then
 * mfcc1..mfcc20 mean and variance. {@link #EXTENDED_COLUMNS}: those and {@link #BEYOND_GTZAN}, what the table lacks
 * (spectral contrast per octave band, {@link RhythmPeriodicity}, {@link SpectralBalance} and
 * {@link ChromaTonality}). {@link #ALL_COLUMNS}: those and the {@link ModulationSpectrum}. A bundle lists the columns
 * its summary model reads; the trainer fills the feature table's rows, which lack the columns beyond GTZAN's, with
 * the audio rows' means there. No column marks the table rows: with one, the model kept the table's genres apart from
 * the audio's, and metal, whose labels are nearly all table rows, drifted to pop (docs/evaluation.md).
 */
public final class SummaryFeatures {

    /** Stream of all chroma values (12 per frame). */
    public static final String CHROMA_STFT = "chroma_stft";
    /** Stream of the harmonic signal's samples. */
    public static final String HARMONY = "harmony";
    /** Stream of the percussive signal's samples. */
    public static final String PERCEPTR = "perceptr";
    /** The tempo column. */
    public static final String TEMPO = "tempo";
    /** MFCCs in the table. */
    public static final int TABLE_MFCC = 20;

    /** Streams whose mean and variance precede the tempo, in column order. */
    public static final List<String> STREAMS = List.of(CHROMA_STFT, FeatureConfig.RMS,
            FeatureConfig.SPECTRAL_CENTROID, FeatureConfig.SPECTRAL_BANDWIDTH, FeatureConfig.ROLLOFF,
            FeatureConfig.ZERO_CROSSING_RATE, HARMONY, PERCEPTR);

    /** The 57 column names, in the table's order. */
    public static final List<String> COLUMNS = columns();
    /** Prefix of the spectral-contrast streams, {@code contrast1} (below 200 Hz) to {@code contrast7}. */
    public static final String CONTRAST_PREFIX = "contrast";
    /** Per-frame streams of the balance and tonality columns whose mean and variance are columns, in order. */
    private static final List<String> BALANCE_STREAMS = concat(SpectralBalance.STREAMS,
            List.of(ChromaTonality.ENTROPY, ChromaTonality.FLUX));
    /**
     * The columns beyond GTZAN's: contrast mean and variance per band, rhythm periodicity, band shares and loudness
     * (mean and variance of each {@link SpectralBalance} stream), chroma entropy and change (mean and variance) and
     * the key columns of {@link ChromaTonality}.
     */
    public static final List<String> BEYOND_GTZAN = beyondGtzan();
    /** {@link #COLUMNS}, then {@link #BEYOND_GTZAN}. */
    public static final List<String> EXTENDED_COLUMNS = concat(COLUMNS, BEYOND_GTZAN);
    /**
     * Every column the extractor computes: {@link #EXTENDED_COLUMNS}, then the mean of each
     * {@link ModulationSpectrum} stream over the window's segments (named as the stream).
     */
    public static final List<String> ALL_COLUMNS = concat(EXTENDED_COLUMNS, ModulationSpectrum.STREAMS);
    /** Position of the first rhythm column in {@link #EXTENDED_COLUMNS}, after the contrast columns. */
    private static final int RHYTHM_START = COLUMNS.size() + 2 * SpectralContrast.BANDS;
    /** Position of the first band-share column, after the rhythm columns; the tonality columns follow the balance. */
    private static final int BALANCE_START = RHYTHM_START + RhythmPeriodicity.COLUMNS.size();
    /** Position of the first modulation column, after the tonality columns; the last columns. */
    private static final int MODULATION_START = EXTENDED_COLUMNS.size();

    private SummaryFeatures() {
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>();
        for (String s : STREAMS) {
            c.add(s + "_mean");
            c.add(s + "_var");
        }
        c.add(TEMPO);
        for (int i = 1; i <= TABLE_MFCC; i++) {
            c.add(FeatureConfig.MFCC_PREFIX + i + "_mean");
            c.add(FeatureConfig.MFCC_PREFIX + i + "_var");
        }
        return List.copyOf(c);
    }

    private static List<String> beyondGtzan() {
        List<String> c = new ArrayList<>();
        for (int k = 0; k < SpectralContrast.BANDS; k++) {
            c.add(contrastStream(k) + "_mean");
            c.add(contrastStream(k) + "_var");
        }
        c.addAll(RhythmPeriodicity.COLUMNS);
        for (String stream : BALANCE_STREAMS) {
            c.add(stream + "_mean");
            c.add(stream + "_var");
        }
        c.addAll(ChromaTonality.KEY_COLUMNS);
        return List.copyOf(c);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> c = new ArrayList<>(a);
        c.addAll(b);
        return List.copyOf(c);
    }

    /** Name of the statistics stream of contrast band {@code band} (0-based). */
    public static String contrastStream(int band) {
        return CONTRAST_PREFIX + (band + 1);
    }

    /**
     * The position in {@link #ALL_COLUMNS} of each of {@code columns}: what {@link #row} picks. Resolved once,
     * when an extractor is built.
     *
     * @throws IllegalArgumentException naming the first column this class does not compute
     */
    public static int[] positions(List<String> columns) {
        int[] at = new int[columns.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = ALL_COLUMNS.indexOf(columns.get(i));
            if (at[i] < 0) {
                throw new IllegalArgumentException("unknown summary column '" + columns.get(i) + "': the extractor "
                        + "computes GTZAN's 57 columns, " + BEYOND_GTZAN + " and " + ModulationSpectrum.STREAMS);
            }
        }
        return at;
    }

    /** Whether any of the {@link #positions} is a spectral-contrast column. */
    public static boolean needsContrast(int[] positions) {
        return picks(positions, COLUMNS.size(), RHYTHM_START);
    }

    /** Whether any of the {@link #positions} is a {@link SpectralBalance} or {@link ChromaTonality} column. */
    public static boolean needsBalance(int[] positions) {
        return picks(positions, BALANCE_START, MODULATION_START);
    }

    /** Whether any of the {@link #positions} is a {@link ModulationSpectrum} column. */
    public static boolean needsModulation(int[] positions) {
        return picks(positions, MODULATION_START, ALL_COLUMNS.size());
    }

    private static boolean picks(int[] positions, int from, int to) {
        for (int p : positions) {
            if (p >= from && p < to) {
                return true;
            }
        }
        return false;
    }

    /**
     * The row of the columns at {@code positions} in {@link #ALL_COLUMNS} from (merged) statistics, a tempo in
     * BPM and the configuration's frame rate; the contrast, rhythm, balance, tonality and modulation columns are
     * computed only when picked.
     *
     * @throws IllegalArgumentException if a stream a column needs is missing
     */
    public static double[] row(int[] positions, SegmentStatistics statistics, double tempo, FeatureConfig config) {
        double[] all = new double[ALL_COLUMNS.size()];
        System.arraycopy(of(statistics, tempo), 0, all, 0, COLUMNS.size());
        if (needsContrast(positions)) {
            for (int k = 0; k < SpectralContrast.BANDS; k++) {
                Moments m = statistics.moments(contrastStream(k));
                all[COLUMNS.size() + 2 * k] = m.mean();
                all[COLUMNS.size() + 2 * k + 1] = m.variance();
            }
        }
        if (picks(positions, RHYTHM_START, BALANCE_START)) {
            double[] rhythm = RhythmPeriodicity.of(statistics.onsetEnvelope(), config.frameRate());
            System.arraycopy(rhythm, 0, all, RHYTHM_START, rhythm.length);
        }
        if (needsBalance(positions)) {
            int at = BALANCE_START;
            for (String stream : BALANCE_STREAMS) {
                Moments m = statistics.moments(stream);
                all[at++] = m.mean();
                all[at++] = m.variance();
            }
            double[] profile = new double[ChromaTonality.PITCH_CLASSES];
            for (int c = 0; c < profile.length; c++) {
                profile[c] = statistics.moments(ChromaTonality.pitchClassStream(c)).mean();
            }
            double[] key = ChromaTonality.keyColumns(profile);
            System.arraycopy(key, 0, all, at, key.length);
        }
        if (needsModulation(positions)) {
            for (int i = 0; i < ModulationSpectrum.STREAMS.size(); i++) {
                all[MODULATION_START + i] = statistics.moments(ModulationSpectrum.STREAMS.get(i)).mean();
            }
        }
        double[] row = new double[positions.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = all[positions[i]];
        }
        return row;
    }

    /**
     * The 57 features from statistics and a tempo in BPM.
     *
     * @throws IllegalArgumentException if a stream is missing (e.g. harmony when HPSS was off)
     */
    public static double[] of(SegmentStatistics statistics, double tempo) {
        double[] v = new double[COLUMNS.size()];
        int i = 0;
        for (String s : STREAMS) {
            Moments m = statistics.moments(s);
            v[i++] = m.mean();
            v[i++] = m.variance();
        }
        v[i++] = tempo;
        for (int k = 1; k <= TABLE_MFCC; k++) {
            Moments m = statistics.moments(FeatureConfig.MFCC_PREFIX + k);
            v[i++] = m.mean();
            v[i++] = m.variance();
        }
        return v;
    }

    /**
     * The 57 features of merged segment statistics, the tempo estimated from their concatenated onset envelope.
     *
     * @throws IllegalArgumentException if a stream or the onset envelope is missing
     */
    public static double[] of(SegmentStatistics statistics, FeatureConfig config) {
        return of(statistics, tempo(statistics, TempoEstimator.builder().setConfig(config).build()));
    }

    /** The tempo of (merged) statistics, estimated by {@code estimator} from their concatenated onset envelope. */
    static double tempo(SegmentStatistics statistics, TempoEstimator estimator) {
        float[] envelope = statistics.onsetEnvelope();
        if (envelope.length == 0) {
            throw new IllegalArgumentException("statistics hold no onset envelope to estimate the tempo from");
        }
        return estimator.tempo(envelope);
    }

    /** The features as the summary model's input row (float32, as trained and served). */
    public static float[] asModelRow(double[] features) {
        float[] row = new float[features.length];
        for (int i = 0; i < features.length; i++) {
            row[i] = (float) features[i];
        }
        return row;
    }
}
