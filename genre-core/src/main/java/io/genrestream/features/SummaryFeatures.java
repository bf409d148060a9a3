package io.genrestream.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The 57 summary features of the Kaggle GTZAN table, in its column order: mean and population variance over
 * frames of chroma_stft, rms, spectral_centroid, spectral_bandwidth, rolloff, zero_crossing_rate, of the harmonic
 * and percussive signals' samples (harmony, perceptr), then tempo, then mfcc1..mfcc20 mean and variance.
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
