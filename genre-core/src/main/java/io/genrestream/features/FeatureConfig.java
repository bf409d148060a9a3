package io.genrestream.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything that fixes the numbers a model sees: the extractor's parameters and the layout of a segment's
 * frame matrix. A model bundle stores it; the app refuses a bundle whose configuration differs from its own,
 * because a model fed other features than it was trained on answers confidently and wrongly.
 *
 * <p>Defaults are librosa's (0.8-0.10), which made the Kaggle GTZAN feature table.
 *
 * @param sampleRate      samples per second the extractor works at (librosa: 22050)
 * @param nFft            STFT window length in samples (2048)
 * @param hopLength       STFT hop in samples (512)
 * @param nMels           mel bands (128, Slaney scale and norm)
 * @param nMfcc           MFCC coefficients kept (20)
 * @param topDb           power_to_db floor below the peak (80 dB; positive, infinite disables the floor)
 * @param segmentSeconds  length of one scored segment (3.0)
 * @param centerPadding   how centred frames are padded at the edges: "zero" (librosa 0.9+) or "reflect" (up to 0.8)
 * @param frameFeatures   names of the per-frame features, in the column order of the frame matrix
 */
public record FeatureConfig(
        int sampleRate,
        int nFft,
        int hopLength,
        int nMels,
        int nMfcc,
        double topDb,
        double segmentSeconds,
        String centerPadding,
        List<String> frameFeatures) {

    /** Frame-feature name of the spectral centroid (Hz). */
    public static final String SPECTRAL_CENTROID = "spectral_centroid";
    /** Frame-feature name of the spectral bandwidth (Hz). */
    public static final String SPECTRAL_BANDWIDTH = "spectral_bandwidth";
    /** Frame-feature name of the 85 % roll-off frequency (Hz). */
    public static final String ROLLOFF = "rolloff";
    /** Frame-feature name of the zero-crossing rate. */
    public static final String ZERO_CROSSING_RATE = "zero_crossing_rate";
    /** Frame-feature name of the frame RMS. */
    public static final String RMS = "rms";
    /** Prefix of the MFCC frame features, numbered from 1 ({@code mfcc1}). */
    public static final String MFCC_PREFIX = "mfcc";
    /** Prefix of the chroma frame features, numbered from 1 = C ({@code chroma1}). */
    public static final String CHROMA_PREFIX = "chroma";

    /** librosa's (and the GTZAN table's) analysis rate. */
    public static final int LIBROSA_SAMPLE_RATE = 22050;
    /** librosa's STFT length. */
    public static final int LIBROSA_N_FFT = 2048;
    /** librosa's hop. */
    public static final int LIBROSA_HOP = 512;
    /** librosa's mel bands. */
    public static final int LIBROSA_N_MELS = 128;
    /** MFCCs in the GTZAN table. */
    public static final int LIBROSA_N_MFCC = 20;
    /** power_to_db floor below the peak. */
    public static final double LIBROSA_TOP_DB = 80.0;
    /** Segment length the models score. */
    public static final double DEFAULT_SEGMENT_SECONDS = 3.0;
    /**
     * Centre padding that reproduces the GTZAN feature table (found by the parity test, see
     * docs/feature-parity.md).
     */
    public static final String TABLE_CENTER_PADDING = "reflect";

    /** The default frame matrix columns: mfcc1..20, chroma1..12, centroid, bandwidth, rolloff, zcr, rms (37). */
    public static final List<String> DEFAULT_FRAME_FEATURES = defaultFrameFeatures(LIBROSA_N_MFCC);

    public FeatureConfig {
        Objects.requireNonNull(centerPadding, "centerPadding");
        frameFeatures = List.copyOf(frameFeatures);
        if (sampleRate <= 0 || nFft <= 0 || hopLength <= 0 || nMels <= 0 || nMfcc <= 0 || segmentSeconds <= 0) {
            throw new IllegalArgumentException("feature parameters must be positive: " + sampleRate + "/" + nFft + "/"
                    + hopLength + "/" + nMels + "/" + nMfcc + "/" + segmentSeconds);
        }
        if (!(topDb > 0)) {
            throw new IllegalArgumentException("topDb must be positive (infinite disables the floor): " + topDb);
        }
    }

    /** Samples in one segment at {@link #sampleRate()}. */
    public int segmentSamples() {
        return (int) Math.round(segmentSeconds * sampleRate);
    }

    /** Frames per second: sample rate over hop. */
    public double frameRate() {
        return (double) sampleRate / hopLength;
    }

    /** Frames in one segment's frame matrix: centred frames, as librosa counts them (1 + samples / hop). */
    public int framesPerSegment() {
        return 1 + segmentSamples() / hopLength;
    }

    /** Columns of one segment's frame matrix. */
    public int frameFeatureCount() {
        return frameFeatures.size();
    }

    /** librosa's defaults, the centre padding of the GTZAN table and the default 37 frame-feature columns. */
    public static FeatureConfig librosaDefaults() {
        return new FeatureConfig(LIBROSA_SAMPLE_RATE, LIBROSA_N_FFT, LIBROSA_HOP, LIBROSA_N_MELS, LIBROSA_N_MFCC,
                LIBROSA_TOP_DB, DEFAULT_SEGMENT_SECONDS, TABLE_CENTER_PADDING, DEFAULT_FRAME_FEATURES);
    }

    /** This configuration with another centre padding ("zero" or "reflect"). */
    public FeatureConfig withCenterPadding(String padding) {
        return new FeatureConfig(sampleRate, nFft, hopLength, nMels, nMfcc, topDb, segmentSeconds, padding,
                frameFeatures);
    }

    /** This configuration with other frame-matrix columns. */
    public FeatureConfig withFrameFeatures(List<String> features) {
        return new FeatureConfig(sampleRate, nFft, hopLength, nMels, nMfcc, topDb, segmentSeconds, centerPadding,
                features);
    }

    private static List<String> defaultFrameFeatures(int nMfcc) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nMfcc; i++) {
            names.add(MFCC_PREFIX + i);
        }
        for (int i = 1; i <= 12; i++) {
            names.add(CHROMA_PREFIX + i);
        }
        names.addAll(List.of(SPECTRAL_CENTROID, SPECTRAL_BANDWIDTH, ROLLOFF, ZERO_CROSSING_RATE, RMS));
        return List.copyOf(names);
    }
}
