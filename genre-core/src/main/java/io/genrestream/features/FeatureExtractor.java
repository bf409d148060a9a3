package io.genrestream.features;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entry point of feature extraction: librosa-compatible frame features of a signal, the frame matrix of a segment
 * for sequence models, and the per-segment {@link SegmentStatistics} behind the 57 GTZAN summary features.
 *
 * <p>Definitions (librosa 0.8-0.10, see /work/shared/data/README.md and docs/feature-parity.md): centred STFT with
 * periodic Hann window; MFCC = DCT-II (ortho) of {@code power_to_db} of the 128-band Slaney mel power spectrum,
 * the top_db floor over the whole signal passed in; spectral centroid, bandwidth (p=2) and 85 % roll-off on the
 * magnitude spectrum; chroma from the power spectrum with estimated tuning, each frame scaled to max 1;
 * zero-crossing rate on edge-padded frames; RMS on frames padded like the STFT.
 *
 * <p>Immutable and thread-safe; build one per configuration and share it.
 */
public final class FeatureExtractor {

    /** power_to_db's amin. */
    public static final double AMIN = 1e-10;
    /** librosa.feature.spectral_rolloff's roll_percent. */
    public static final double ROLL_PERCENT = 0.85;
    /** librosa.zero_crossings' threshold: smaller magnitudes count as +0. */
    public static final double ZERO_CROSSING_THRESHOLD = 1e-10;
    /** numpy's tiny for float32, librosa.util.normalize's threshold. */
    private static final double TINY = Float.MIN_NORMAL;

    private final FeatureConfig config;
    private final boolean harmonicPercussive;
    private final boolean onsetEnvelope;
    private final Stft stft;
    private final boolean reflect;
    private final MelFilterBank melBank;
    private final double[][] dct;
    private final double[] freqs;
    private final OnsetStrength onsets;
    // Chroma banks by tuning in hundredths (at most 100 values): building one costs ~12k exp() calls.
    private final Map<Integer, ChromaFilterBank> chromaBanks = new ConcurrentHashMap<>();

    private FeatureExtractor(Builder b) {
        this.config = b.config;
        this.harmonicPercussive = b.harmonicPercussive;
        this.onsetEnvelope = b.onsetEnvelope;
        this.stft = new Stft(config);
        this.reflect = Stft.parsePadding(config.centerPadding());
        this.melBank = MelFilterBank.of(config);
        this.dct = dctOrtho(config.nMfcc(), config.nMels());
        this.freqs = new double[config.nFft() / 2 + 1];
        for (int k = 0; k < freqs.length; k++) {
            freqs[k] = k * (double) config.sampleRate() / config.nFft();
        }
        this.onsets = OnsetStrength.builder().setConfig(config).optAggregate(OnsetStrength.Aggregate.MEDIAN).build();
        // fail at construction, not on the first segment, if a column name is unknown
        FrameFeatures probe = frames(new float[1]);
        for (String name : config.frameFeatures()) {
            probe.columnView(name);
        }
    }

    /** A builder; {@link Builder#setConfig} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** An extractor for {@code config} with harmonic/percussive statistics and onset envelopes. */
    public static FeatureExtractor of(FeatureConfig config) {
        return builder().setConfig(config).build();
    }

    /** The configuration. */
    public FeatureConfig config() {
        return config;
    }

    /**
     * Frame features and statistics of one segment of exactly {@link FeatureConfig#segmentSamples()} samples at
     * {@link FeatureConfig#sampleRate()}.
     *
     * @throws IllegalArgumentException if the length differs, or a sample is NaN or infinite
     */
    public SegmentFeatures extract(float[] segmentSamples) {
        if (segmentSamples.length != config.segmentSamples()) {
            throw new IllegalArgumentException("a segment has " + config.segmentSamples() + " samples ("
                    + config.segmentSeconds() + " s at " + config.sampleRate() + " Hz), got " + segmentSamples.length);
        }
        FrameFeatures f = frames(segmentSamples);
        return new SegmentFeatures(frameMatrix(f), statistics(f, segmentSamples), config.frameFeatures());
    }

    /** The frame matrix {@code [frame][column]} of {@code f} with the columns of {@link FeatureConfig#frameFeatures()}. */
    public float[][] frameMatrix(FrameFeatures f) {
        List<String> names = config.frameFeatures();
        float[][] m = new float[f.frames()][names.size()];
        for (int c = 0; c < names.size(); c++) {
            float[] col = f.columnView(names.get(c));
            for (int t = 0; t < col.length; t++) {
                m[t][c] = col[t];
            }
        }
        return m;
    }

    /**
     * Statistics of the frame features {@code f} of {@code y}, plus (if enabled) harmonic/percussive sample moments
     * and the onset envelope of {@code y}.
     */
    public SegmentStatistics statistics(FrameFeatures f, float[] y) {
        Map<String, Moments> streams = frameMoments(f);
        if (harmonicPercussive) {
            Hpss.HarmonicPercussive hp = Hpss.harmonicPercussive(y, config);
            streams.put(SummaryFeatures.HARMONY, Moments.of(hp.harmonic()));
            streams.put(SummaryFeatures.PERCEPTR, Moments.of(hp.percussive()));
        }
        float[] envelope = onsetEnvelope ? onsets.fromLogMel(f.logMel) : new float[0];
        return new SegmentStatistics(streams, envelope);
    }

    /** Moments of the frame-feature streams of the summary features (all but harmony, perceptr and tempo). */
    static Map<String, Moments> frameMoments(FrameFeatures f) {
        Map<String, Moments> streams = new LinkedHashMap<>();
        streams.put(SummaryFeatures.CHROMA_STFT, Moments.of(f.chroma));
        streams.put(FeatureConfig.RMS, Moments.of(f.rms));
        streams.put(FeatureConfig.SPECTRAL_CENTROID, Moments.of(f.centroid));
        streams.put(FeatureConfig.SPECTRAL_BANDWIDTH, Moments.of(f.bandwidth));
        streams.put(FeatureConfig.ROLLOFF, Moments.of(f.rolloff));
        streams.put(FeatureConfig.ZERO_CROSSING_RATE, Moments.of(f.zcr));
        int nMfcc = f.mfcc.length == 0 ? 0 : f.mfcc[0].length;
        for (int i = 1; i <= nMfcc; i++) {
            streams.put(FeatureConfig.MFCC_PREFIX + i, Moments.of(f.columnView(FeatureConfig.MFCC_PREFIX + i)));
        }
        return streams;
    }

    /**
     * The frame features of a signal of any length at {@link FeatureConfig#sampleRate()}; the MFCC's top_db floor
     * is taken over all of {@code y} (pass a whole clip to reproduce whole-track features).
     *
     * @throws IllegalArgumentException if {@code y} is empty or holds NaN or infinite samples
     */
    public FrameFeatures frames(float[] y) {
        float[][] power = stft.power(y);
        int frames = power.length;
        int bins = freqs.length;

        float[][] logMel = new float[frames][config.nMels()];
        double peak = Double.NEGATIVE_INFINITY;
        float[] melRow = new float[config.nMels()];
        for (int t = 0; t < frames; t++) {
            melBank.apply(power[t], melRow);
            for (int m = 0; m < melRow.length; m++) {
                float db = (float) (10.0 * Math.log10(Math.max(AMIN, melRow[m])));
                logMel[t][m] = db;
                peak = Math.max(peak, db);
            }
        }
        float floor = (float) (peak - config.topDb());
        float[][] mfcc = new float[frames][config.nMfcc()];
        for (int t = 0; t < frames; t++) {
            float[] row = logMel[t];
            for (int m = 0; m < row.length; m++) {
                row[m] = Math.max(row[m], floor);
            }
            for (int k = 0; k < dct.length; k++) {
                double[] basis = dct[k];
                double acc = 0;
                for (int m = 0; m < row.length; m++) {
                    acc += basis[m] * row[m];
                }
                mfcc[t][k] = (float) acc;
            }
        }

        float[] centroid = new float[frames];
        float[] bandwidth = new float[frames];
        float[] rolloff = new float[frames];
        float[] mag = new float[bins];
        for (int t = 0; t < frames; t++) {
            double total = 0;
            for (int k = 0; k < bins; k++) {
                mag[k] = (float) Math.sqrt(power[t][k]);
                total += mag[k];
            }
            // librosa.util.normalize leaves frames with a norm below tiny unscaled
            double scale = total < TINY ? 1.0 : 1.0 / total;
            double c = 0;
            for (int k = 0; k < bins; k++) {
                c += freqs[k] * mag[k];
            }
            c *= scale;
            double bw = 0;
            for (int k = 0; k < bins; k++) {
                double d = freqs[k] - c;
                bw += mag[k] * d * d;
            }
            bw *= scale;
            double threshold = ROLL_PERCENT * total;
            double cum = 0;
            int k = 0;
            for (; k < bins - 1; k++) {
                cum += mag[k];
                if (cum >= threshold) {
                    break;
                }
            }
            centroid[t] = (float) c;
            bandwidth[t] = (float) Math.sqrt(bw);
            rolloff[t] = (float) freqs[k];
        }

        double tuning = TuningEstimator.estimate(power, config.sampleRate(), config.nFft());
        ChromaFilterBank bank = chromaBanks.computeIfAbsent((int) Math.round(tuning * 100),
                key -> ChromaFilterBank.create(config.sampleRate(), config.nFft(), key / 100.0));
        float[][] chroma = bank.applyAll(power);
        for (int t = 0; t < frames; t++) {
            float max = 0f;
            for (float v : chroma[t]) {
                max = Math.max(max, Math.abs(v));
            }
            if (max >= TINY) {
                for (int c = 0; c < chroma[t].length; c++) {
                    chroma[t][c] /= max;
                }
            }
        }

        return new FrameFeatures(mfcc, chroma, centroid, bandwidth, rolloff, zeroCrossingRate(y, frames),
                rms(y, frames), logMel, tuning);
    }

    /** librosa.feature.zero_crossing_rate: edge-padded centred frames of nFft, crossings / nFft. */
    private float[] zeroCrossingRate(float[] y, int frames) {
        int frameLength = config.nFft();
        int half = frameLength / 2;
        int padded = y.length + 2 * half;
        int[] prefix = new int[padded]; // prefix[j] = crossings between padded samples (i-1, i) for 1 <= i <= j
        boolean prevNeg = negative(y[0]);
        for (int j = 1; j < padded; j++) {
            boolean neg = negative(y[Math.max(0, Math.min(y.length - 1, j - half))]);
            prefix[j] = prefix[j - 1] + (neg != prevNeg ? 1 : 0);
            prevNeg = neg;
        }
        float[] zcr = new float[frames];
        for (int t = 0; t < frames; t++) {
            int s = t * config.hopLength();
            zcr[t] = (prefix[s + frameLength - 1] - prefix[s]) / (float) frameLength;
        }
        return zcr;
    }

    private static boolean negative(float v) {
        return v < -ZERO_CROSSING_THRESHOLD;
    }

    /** librosa.feature.rms: centred frames of nFft padded like the STFT, sqrt(mean(x^2)). */
    private float[] rms(float[] y, int frames) {
        int frameLength = config.nFft();
        int half = frameLength / 2;
        int padded = y.length + 2 * half;
        double[] prefix = new double[padded + 1];
        for (int j = 0; j < padded; j++) {
            int i = j - half;
            float v;
            if (i >= 0 && i < y.length) {
                v = y[i];
            } else {
                v = reflect ? y[Stft.reflectIndex(i, y.length)] : 0f;
            }
            prefix[j + 1] = prefix[j] + (double) v * v;
        }
        float[] rms = new float[frames];
        for (int t = 0; t < frames; t++) {
            int s = t * config.hopLength();
            rms[t] = (float) Math.sqrt(Math.max(0.0, (prefix[s + frameLength] - prefix[s]) / frameLength));
        }
        return rms;
    }

    /** DCT-II basis with orthonormal scaling (scipy.fft.dct(type=2, norm='ortho')), first {@code n} rows. */
    static double[][] dctOrtho(int n, int size) {
        double[][] basis = new double[n][size];
        for (int k = 0; k < n; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / size);
            for (int m = 0; m < size; m++) {
                basis[k][m] = scale * Math.cos(Math.PI * k * (2 * m + 1) / (2.0 * size));
            }
        }
        return basis;
    }

    /** Builder: {@code setConfig} required; harmonic/percussive statistics and onset envelopes on by default. */
    public static final class Builder {
        private FeatureConfig config;
        private boolean harmonicPercussive = true;
        private boolean onsetEnvelope = true;

        private Builder() {
        }

        /** The feature configuration. Required. */
        public Builder setConfig(FeatureConfig config) {
            this.config = config;
            return this;
        }

        /**
         * Whether segment statistics include the moments of the harmonic and percussive signals (harmony_*,
         * perceptr_*); they cost an HPSS per segment. Default true.
         */
        public Builder optHarmonicPercussive(boolean enabled) {
            this.harmonicPercussive = enabled;
            return this;
        }

        /** Whether segment statistics include the onset envelope tempo is estimated from. Default true. */
        public Builder optOnsetEnvelope(boolean enabled) {
            this.onsetEnvelope = enabled;
            return this;
        }

        /**
         * The extractor.
         *
         * @throws IllegalArgumentException if no configuration was set or a frame-feature name is unknown
         */
        public FeatureExtractor build() {
            if (config == null) {
                throw new IllegalArgumentException("FeatureExtractor needs a FeatureConfig: call setConfig");
            }
            return new FeatureExtractor(this);
        }
    }
}
