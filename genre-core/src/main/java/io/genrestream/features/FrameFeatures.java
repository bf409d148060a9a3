package io.genrestream.features;

import java.util.List;

/**
 * The per-frame librosa features of one signal, one value per centred frame (frames {@code 1 + n / hop}).
 * Immutable: accessors return copies.
 */
public final class FrameFeatures {

    final float[][] mfcc;
    final float[][] chroma;
    final float[] centroid;
    final float[] bandwidth;
    final float[] rolloff;
    final float[] zcr;
    final float[] rms;
    final float[][] logMel;
    /** Spectral contrast {@code [band][frame]}, or null when the extractor's summary columns do not need it. */
    final float[][] contrast;
    /** Band shares and loudness, or null when the extractor's summary columns do not need them. */
    final SpectralBalance.Frames balance;
    /** Chroma entropy, change and scaled values, or null when the extractor's summary columns do not need them. */
    final ChromaTonality.Frames tonality;
    /** The {@link ModulationSpectrum} row, or null when the extractor's summary columns do not need it. */
    final float[] modulation;
    private final double tuning;

    FrameFeatures(float[][] mfcc, float[][] chroma, float[] centroid, float[] bandwidth, float[] rolloff,
            float[] zcr, float[] rms, float[][] logMel, double tuning, float[][] contrast,
            SpectralBalance.Frames balance, ChromaTonality.Frames tonality, float[] modulation) {
        this.mfcc = mfcc;
        this.chroma = chroma;
        this.centroid = centroid;
        this.bandwidth = bandwidth;
        this.rolloff = rolloff;
        this.zcr = zcr;
        this.rms = rms;
        this.logMel = logMel;
        this.tuning = tuning;
        this.contrast = contrast;
        this.balance = balance;
        this.tonality = tonality;
        this.modulation = modulation;
    }

    /** Number of frames. */
    public int frames() {
        return centroid.length;
    }

    /** MFCCs, layout {@code [frame][coefficient]}. */
    public float[][] mfcc() {
        return deepCopy(mfcc);
    }

    /** Chroma (C, C#, ... B), each frame scaled to a maximum of 1; layout {@code [frame][pitch class]}. */
    public float[][] chroma() {
        return deepCopy(chroma);
    }

    /** Log-mel power in dB ({@code power_to_db(ref=1, amin=1e-10, top_db)}), layout {@code [frame][band]}. */
    public float[][] logMel() {
        return deepCopy(logMel);
    }

    /** Spectral centroid in Hz. */
    public float[] spectralCentroid() {
        return centroid.clone();
    }

    /** Spectral bandwidth (p = 2) in Hz. */
    public float[] spectralBandwidth() {
        return bandwidth.clone();
    }

    /** 85 % spectral roll-off frequency in Hz. */
    public float[] rolloff() {
        return rolloff.clone();
    }

    /** Zero-crossing rate per frame (crossings / frame length). */
    public float[] zeroCrossingRate() {
        return zcr.clone();
    }

    /** Root mean square per frame. */
    public float[] rms() {
        return rms.clone();
    }

    /** Tuning estimated for the chroma, in fractions of a semitone. */
    public double tuning() {
        return tuning;
    }

    /** The stream a frame-feature column name refers to (see {@link FeatureConfig#FRAME_FEATURE_NAMES}). */
    public float[] column(String name) {
        return columnView(name).clone();
    }

    float[] columnView(String name) {
        switch (name) {
            case FeatureConfig.SPECTRAL_CENTROID:
                return centroid;
            case FeatureConfig.SPECTRAL_BANDWIDTH:
                return bandwidth;
            case FeatureConfig.ROLLOFF:
                return rolloff;
            case FeatureConfig.ZERO_CROSSING_RATE:
                return zcr;
            case FeatureConfig.RMS:
                return rms;
            default:
                break;
        }
        if (name.startsWith(FeatureConfig.MFCC_PREFIX)) {
            return columnOf(mfcc, index(name, FeatureConfig.MFCC_PREFIX, mfcc.length == 0 ? 0 : mfcc[0].length));
        }
        if (name.startsWith(FeatureConfig.CHROMA_PREFIX)) {
            return columnOf(chroma, index(name, FeatureConfig.CHROMA_PREFIX, ChromaFilterBank.N_CHROMA));
        }
        throw new IllegalArgumentException("unknown frame feature '" + name + "'; known: "
                + List.of(FeatureConfig.MFCC_PREFIX + "1..", FeatureConfig.CHROMA_PREFIX + "1..12",
                        FeatureConfig.SPECTRAL_CENTROID, FeatureConfig.SPECTRAL_BANDWIDTH, FeatureConfig.ROLLOFF,
                        FeatureConfig.ZERO_CROSSING_RATE, FeatureConfig.RMS));
    }

    private static int index(String name, String prefix, int size) {
        int i;
        try {
            i = Integer.parseInt(name.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown frame feature '" + name + "'", e);
        }
        if (i < 1 || i > size) {
            throw new IllegalArgumentException("frame feature '" + name + "' is outside " + prefix + "1.." + size);
        }
        return i - 1;
    }

    private static float[] columnOf(float[][] m, int c) {
        float[] out = new float[m.length];
        for (int t = 0; t < m.length; t++) {
            out[t] = m[t][c];
        }
        return out;
    }

    private static float[][] deepCopy(float[][] m) {
        float[][] out = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
