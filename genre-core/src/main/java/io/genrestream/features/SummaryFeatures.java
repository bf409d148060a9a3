package io.genrestream.features;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary row of a segment's rolling window. {@link #COLUMNS}: the 57 features of the Kaggle GTZAN table, in its
 * column order: mean and population variance over frames of chroma_stft, rms, spectral_centroid, spectral_bandwidth,
 * rolloff, zero_crossing_rate, of the harmonic and percussive signals' samples (harmony, perceptr), then tempo, then
 * mfcc1..mfcc20 mean and variance. {@link #EXTENDED_COLUMNS}: those and {@link #BEYOND_GTZAN}, what the table lacks
 * (spectral contrast per octave band, {@link RhythmPeriodicity}, and {@link #FROM_AUDIO}). A bundle lists the
 * columns its summary model reads.
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
    /**
     * 1 in every row the extractor computes; 0 in feature-table rows, whose other {@link #BEYOND_GTZAN} columns the
     * trainer fills with the training rows' means, so one model learns from both.
     */
    public static final String FROM_AUDIO = "from_audio";
    /** The columns beyond GTZAN's: contrast mean and variance per band, rhythm periodicity, {@link #FROM_AUDIO}. */
    public static final List<String> BEYOND_GTZAN = beyondGtzan();
    /** {@link #COLUMNS}, then {@link #BEYOND_GTZAN}. */
    public static final List<String> EXTENDED_COLUMNS = concat(COLUMNS, BEYOND_GTZAN);

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
        c.add(FROM_AUDIO);
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

    /** Whether any of {@code columns} is a spectral-contrast column. */
    public static boolean needsContrast(List<String> columns) {
        return columns.stream().anyMatch(c -> c.startsWith(CONTRAST_PREFIX));
    }

    /**
     * Checks that every column is one this class computes.
     *
     * @throws IllegalArgumentException naming the first unknown column
     */
    public static void requireKnown(List<String> columns) {
        for (String c : columns) {
            if (!EXTENDED_COLUMNS.contains(c)) {
                throw new IllegalArgumentException("unknown summary column '" + c + "': the extractor computes "
                        + "GTZAN's 57 columns and " + BEYOND_GTZAN);
            }
        }
    }

    /**
     * The row of {@code columns} from (merged) statistics, a tempo in BPM and the configuration's frame rate.
     *
     * @throws IllegalArgumentException if a stream a column needs is missing
     */
    public static double[] row(List<String> columns, SegmentStatistics statistics, double tempo,
                               FeatureConfig config) {
        if (columns.equals(COLUMNS)) {
            return of(statistics, tempo);
        }
        Map<String, Double> values = new HashMap<>();
        double[] gtzan = of(statistics, tempo);
        for (int i = 0; i < gtzan.length; i++) {
            values.put(COLUMNS.get(i), gtzan[i]);
        }
        if (needsContrast(columns)) {
            for (int k = 0; k < SpectralContrast.BANDS; k++) {
                Moments m = statistics.moments(contrastStream(k));
                values.put(contrastStream(k) + "_mean", m.mean());
                values.put(contrastStream(k) + "_var", m.variance());
            }
        }
        double[] rhythm = RhythmPeriodicity.of(statistics.onsetEnvelope(),
                (double) config.sampleRate() / config.hopLength());
        for (int i = 0; i < rhythm.length; i++) {
            values.put(RhythmPeriodicity.COLUMNS.get(i), rhythm[i]);
        }
        values.put(FROM_AUDIO, 1.0);
        double[] row = new double[columns.size()];
        for (int i = 0; i < row.length; i++) {
            Double v = values.get(columns.get(i));
            if (v == null) {
                throw new IllegalArgumentException("unknown summary column '" + columns.get(i) + "'");
            }
            row[i] = v;
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
        float[] envelope = statistics.onsetEnvelope();
        if (envelope.length == 0) {
            throw new IllegalArgumentException("statistics hold no onset envelope to estimate the tempo from");
        }
        return of(statistics, TempoEstimator.fromEnvelope(envelope, config));
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
