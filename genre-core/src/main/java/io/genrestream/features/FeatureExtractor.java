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
 * <p>Implementation: after the STFT every step works on the spectrogram laid out {@code [bin][frame]}, so its inner
 * loops run over contiguous frames and the JIT vectorises them (docs/benchmarks.md has the figures).
 *
 * <p>Immutable and thread-safe; build one per configuration and share it. Each thread that calls it keeps about
 * 1.5 MB of STFT scratch rows (for inputs up to 512 frames) between calls, see {@link Stft}.
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
    private static final float NEGATIVE_BELOW = negativeBound();
    /** Length of the runs summed in float before adding to a double sum: float speed, near-double accuracy. */
    private static final int PARTIAL_SUM_BINS = 16;

    private final FeatureConfig config;
    private final boolean harmonicPercussive;
    private final boolean onsetEnvelope;
    private final List<String> summaryColumns;
    /** Where each summary column sits in {@link SummaryFeatures#EXTENDED_COLUMNS}, resolved once. */
    private final int[] summaryPositions;
    private final SpectralContrast contrast;
    private final SpectralBalance balance;
    /** The modulation transform of a segment's frames, or null when no summary column needs it. */
    private final ModulationSpectrum modulation;
    private final Stft stft;
    private final MelFilterBank melBank;
    private final double[][] dct;
    private final double[] freqs;
    private final OnsetStrength onsets;
    /** Built once: it keeps its FFT tables and, per thread, its FFT's scratch rows. */
    private final TempoEstimator tempoEstimator;
    private final Hpss hpss;
    // Chroma banks by tuning in hundredths (at most 100 values): building one costs ~12k exp() calls.
    private final Map<Integer, ChromaFilterBank> chromaBanks = new ConcurrentHashMap<>();

    private FeatureExtractor(Builder b) {
        this.config = b.config;
        this.harmonicPercussive = b.harmonicPercussive;
        this.onsetEnvelope = b.onsetEnvelope;
        this.summaryColumns = List.copyOf(b.summaryColumns);
        this.summaryPositions = SummaryFeatures.positions(summaryColumns);
        this.contrast = SummaryFeatures.needsContrast(summaryPositions)
                ? new SpectralContrast(config.sampleRate(), config.nFft()) : null;
        this.balance = SummaryFeatures.needsBalance(summaryPositions)
                ? new SpectralBalance(config.sampleRate(), config.nFft()) : null;
        this.modulation = SummaryFeatures.needsModulation(summaryPositions)
                ? new ModulationSpectrum(config.framesPerSegment(), config.frameRate()) : null;
        this.stft = new Stft(config);
        this.melBank = MelFilterBank.of(config);
        this.dct = dctOrtho(config.nMfcc(), config.nMels());
        this.freqs = new double[config.nFft() / 2 + 1];
        for (int k = 0; k < freqs.length; k++) {
            freqs[k] = k * (double) config.sampleRate() / config.nFft();
        }
        this.hpss = Hpss.builder().setConfig(config).build();
        this.onsets = OnsetStrength.builder().setConfig(config).optAggregate(OnsetStrength.Aggregate.MEDIAN).build();
        this.tempoEstimator = TempoEstimator.builder().setConfig(config).build();
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

    /** The columns of {@link #summaryRow}, in order: a bundle's summary columns. */
    public List<String> summaryColumns() {
        return summaryColumns;
    }

    /**
     * The summary model's input row of (merged) statistics and the window's tempo in BPM, in
     * {@link #summaryColumns()} order, as float32 (as trained and served).
     *
     * @throws IllegalArgumentException if the statistics lack a stream a column needs
     */
    public float[] summaryRow(SegmentStatistics statistics, double tempo) {
        return SummaryFeatures.asModelRow(SummaryFeatures.row(summaryPositions, statistics, tempo, config));
    }

    /**
     * {@link #summaryRow(SegmentStatistics, double)} with the tempo estimated from the statistics' onset envelope.
     *
     * @throws IllegalArgumentException if the statistics lack a stream a column needs, or the onset envelope
     */
    public float[] summaryRow(SegmentStatistics statistics) {
        return summaryRow(statistics, tempo(statistics));
    }

    /**
     * The tempo in BPM of (merged) statistics, estimated from their concatenated onset envelope.
     *
     * @throws IllegalArgumentException if the statistics hold no onset envelope
     */
    public double tempo(SegmentStatistics statistics) {
        return SummaryFeatures.tempo(statistics, tempoEstimator);
    }

    /** A builder preset to this extractor's settings, e.g. to change one of them. */
    public Builder toBuilder() {
        return builder().setConfig(config).optHarmonicPercussive(harmonicPercussive).optOnsetEnvelope(onsetEnvelope)
                .optSummaryColumns(summaryColumns);
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
            Hpss.HarmonicPercussive hp = hpss.separate(y);
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
        if (f.contrast != null) {
            for (int k = 0; k < SpectralContrast.BANDS; k++) {
                streams.put(SummaryFeatures.contrastStream(k), Moments.of(f.contrast[k]));
            }
        }
        if (f.balance != null) {
            for (int k = 0; k < SpectralBalance.BANDS; k++) {
                streams.put(SpectralBalance.shareStream(k), Moments.of(f.balance.logShares()[k]));
            }
            streams.put(SpectralBalance.LOUDNESS, Moments.of(f.balance.loudnessDb()));
            streams.put(SpectralBalance.LOUDNESS_CHANGE, Moments.of(f.balance.loudnessChange()));
        }
        if (f.modulation != null) {
            // one value per segment: the merged mean is the mean over the window's segments
            for (int i = 0; i < f.modulation.length; i++) {
                double v = f.modulation[i];
                streams.put(ModulationSpectrum.STREAMS.get(i), new Moments(1, v, v * v));
            }
        }
        if (f.tonality != null) {
            streams.put(ChromaTonality.ENTROPY, Moments.of(f.tonality.entropy()));
            streams.put(ChromaTonality.FLUX, Moments.of(f.tonality.flux()));
            for (int c = 0; c < ChromaTonality.PITCH_CLASSES; c++) {
                streams.put(ChromaTonality.pitchClassStream(c), Moments.of(f.tonality.scaledByPitchClass()[c]));
            }
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
        float[] padded = stft.centerPadded(y);
        int frames = stft.frameCount(y.length);
        // [bin][frame] throughout: every per-bin step is a loop over contiguous frames, which C2 vectorises
        float[][] power = stft.powerByBin(y, padded);

        double tuning = TuningEstimator.estimateByBin(power, config.sampleRate(), config.nFft());
        ChromaFilterBank bank = chromaBanks.computeIfAbsent((int) Math.round(tuning * 100),
                key -> ChromaFilterBank.create(config.sampleRate(), config.nFft(), key / 100.0));
        float[][] chroma = Stft.transpose(bank.applyByBin(power));
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

        // power_to_db in place, [band][frame]: contiguous stores, one transpose for FrameFeatures at the end
        float[][] logMelByBand = melBank.applyByBin(power);
        float peak = Float.NEGATIVE_INFINITY;
        for (float[] band : logMelByBand) {
            for (int t = 0; t < frames; t++) {
                float db = (float) powerToDb(band[t]);
                band[t] = db;
                peak = Math.max(peak, db);
            }
        }
        float floor = (float) (peak - config.topDb());
        // the floored dB values in double for the DCT's double sums
        double[][] floored = new double[logMelByBand.length][frames];
        for (int m = 0; m < logMelByBand.length; m++) {
            float[] band = logMelByBand[m];
            for (int t = 0; t < frames; t++) {
                band[t] = Math.max(band[t], floor);
                floored[m][t] = band[t];
            }
        }
        float[][] mfcc = mfcc(floored, frames);

        SpectralShape shape = spectralShape(power, frames);
        // spectralShape left the magnitude in power
        float[][] bandContrast = contrast == null ? null : contrast.of(power, frames);
        SpectralBalance.Frames bandBalance = balance == null ? null : balance.of(power, frames);
        // one switch for both: the balance and tonality columns come together (SummaryFeatures.needsBalance)
        ChromaTonality.Frames tonality = balance == null ? null : ChromaTonality.of(chroma);
        float[][] logMel = Stft.transpose(logMelByBand);
        float[] fluctuation = modulation == null ? null
                : (frames == modulation.frames() ? modulation : new ModulationSpectrum(frames, config.frameRate())).of(logMel);
        return new FrameFeatures(mfcc, chroma, shape.centroid, shape.bandwidth, shape.rolloff,
                zeroCrossingRate(y, frames), rms(padded, frames), logMel, tuning, bandContrast, bandBalance, tonality,
                fluctuation);
    }

    /**
     * DCT of the floored log-mel rows ({@code [band][frame]}), layout {@code [frame][coefficient]}. Four bands per
     * pass over the accumulator row: a quarter of the loads and stores of one band at a time.
     */
    private float[][] mfcc(double[][] floored, int frames) {
        float[][] mfcc = new float[frames][dct.length];
        double[] acc = new double[frames];
        for (int k = 0; k < dct.length; k++) {
            java.util.Arrays.fill(acc, 0.0);
            double[] basis = dct[k];
            int m = 0;
            for (; m + 4 <= basis.length; m += 4) {
                double b0 = basis[m];
                double b1 = basis[m + 1];
                double b2 = basis[m + 2];
                double b3 = basis[m + 3];
                double[] r0 = floored[m];
                double[] r1 = floored[m + 1];
                double[] r2 = floored[m + 2];
                double[] r3 = floored[m + 3];
                for (int t = 0; t < frames; t++) {
                    acc[t] += b0 * r0[t] + b1 * r1[t] + b2 * r2[t] + b3 * r3[t];
                }
            }
            for (; m < basis.length; m++) {
                double b = basis[m];
                double[] row = floored[m];
                for (int t = 0; t < frames; t++) {
                    acc[t] += b * row[t];
                }
            }
            for (int t = 0; t < frames; t++) {
                mfcc[t][k] = (float) acc[t];
            }
        }
        return mfcc;
    }

    /** {@code 10 log10(max(AMIN, power))}, power_to_db with ref 1 before the top_db floor. */
    private static double powerToDb(float power) {
        return power > AMIN ? 10.0 * FastLog.log10(power) : 10.0 * Math.log10(AMIN);
    }

    /** Spectral centroid, bandwidth and roll-off per frame. */
    private record SpectralShape(float[] centroid, float[] bandwidth, float[] rolloff) {
    }

    /**
     * Centroid, bandwidth (p = 2) and 85 % roll-off of the magnitude spectrum, from the power laid out
     * {@code [bin][frame]} (overwritten with the magnitude). Sums over bins run in float over
     * {@link #PARTIAL_SUM_BINS} bins, vectorised over frames, and in double across those runs.
     */
    private SpectralShape spectralShape(float[][] power, int frames) {
        int bins = power.length;
        double[] total = new double[frames];
        double[] weighted = new double[frames];
        float[] partTotal = new float[frames];
        float[] partWeighted = new float[frames];
        for (int k0 = 0; k0 < bins; k0 += PARTIAL_SUM_BINS) {
            int k1 = Math.min(bins, k0 + PARTIAL_SUM_BINS);
            for (int k = k0; k < k1; k++) {
                float[] row = power[k];
                float f = (float) freqs[k];
                for (int t = 0; t < frames; t++) {
                    float mag = (float) Math.sqrt(row[t]);
                    row[t] = mag;
                    partTotal[t] += mag;
                    partWeighted[t] += f * mag;
                }
            }
            addAndClear(total, partTotal);
            addAndClear(weighted, partWeighted);
        }
        float[] centroid = new float[frames];
        float[] centroidF = new float[frames];
        double[] scale = new double[frames];
        for (int t = 0; t < frames; t++) {
            // librosa.util.normalize leaves frames with a norm below tiny unscaled
            scale[t] = total[t] < TINY ? 1.0 : 1.0 / total[t];
            centroid[t] = (float) (weighted[t] * scale[t]);
            centroidF[t] = centroid[t];
        }

        double[] spread = new double[frames];
        float[] partSpread = new float[frames];
        double[] cumulative = new double[frames];
        double[] threshold = new double[frames];
        int[] rolloffBin = new int[frames];
        for (int t = 0; t < frames; t++) {
            threshold[t] = ROLL_PERCENT * total[t];
            rolloffBin[t] = -1;
        }
        float[] run = new float[frames];
        for (int k0 = 0; k0 < bins; k0 += PARTIAL_SUM_BINS) {
            int k1 = Math.min(bins, k0 + PARTIAL_SUM_BINS);
            int rollEnd = Math.min(k1, bins - 1);
            for (int k = k0; k < k1; k++) {
                float[] mag = power[k];
                float f = (float) freqs[k];
                for (int t = 0; t < frames; t++) {
                    float d = f - centroidF[t];
                    partSpread[t] += mag[t] * d * d;
                }
                if (k < rollEnd) {
                    for (int t = 0; t < frames; t++) {
                        run[t] += mag[t];
                    }
                }
            }
            addAndClear(spread, partSpread);
            rolloffWithin(power, k0, rollEnd, run, cumulative, threshold, rolloffBin);
        }
        float[] bandwidth = new float[frames];
        float[] rolloff = new float[frames];
        for (int t = 0; t < frames; t++) {
            bandwidth[t] = (float) Math.sqrt(spread[t] * scale[t]);
            rolloff[t] = (float) freqs[rolloffBin[t] < 0 ? bins - 1 : rolloffBin[t]];
        }
        return new SpectralShape(centroid, bandwidth, rolloff);
    }

    /**
     * Roll-off search over bins {@code [k0, k1)} given their float sum per frame ({@code run}, cleared here): the
     * first bin whose cumulative magnitude reaches the threshold (librosa compares bins up to the second-to-last;
     * none reaching it means the last). Only frames whose run crosses the threshold are scanned bin by bin.
     */
    private static void rolloffWithin(float[][] mag, int k0, int k1, float[] run, double[] cumulative,
            double[] threshold, int[] rolloffBin) {
        for (int t = 0; t < cumulative.length; t++) {
            float r = run[t];
            run[t] = 0f;
            if (rolloffBin[t] >= 0) {
                continue;
            }
            if (cumulative[t] + r < threshold[t]) {
                cumulative[t] += r;
                continue;
            }
            double cum = cumulative[t];
            for (int k = k0; k < k1; k++) {
                cum += mag[k][t];
                if (cum >= threshold[t]) {
                    rolloffBin[t] = k;
                    break;
                }
            }
            cumulative[t] = cum;
        }
    }

    private static void addAndClear(double[] sums, float[] part) {
        for (int t = 0; t < sums.length; t++) {
            sums[t] += part[t];
            part[t] = 0f;
        }
    }

    /**
     * librosa.feature.zero_crossing_rate: edge-padded centred frames of nFft, crossings / nFft. Edge padding repeats
     * y[0] and y[last], so every crossing lies inside y: crossings are counted per hop-long block of the padded
     * signal (by the index of the later sample of each pair), then summed per frame as in {@link #rms}.
     */
    private float[] zeroCrossingRate(float[] y, int frames) {
        int frameLength = config.nFft();
        int half = frameLength / 2;
        int hop = config.hopLength();
        int blocks = (y.length + 2 * half + hop - 1) / hop;
        int[] blockPrefix = new int[blocks + 1];
        for (int b = 0; b < blocks; b++) {
            blockPrefix[b + 1] = blockPrefix[b] + crossings(y, b * hop - half, (b + 1) * hop - half);
        }
        int whole = frameLength / hop;
        float[] zcr = new float[frames];
        for (int t = 0; t < frames; t++) {
            int s = t * hop - half;
            // a frame counts the pairs ending at its samples 1 .. frameLength - 1, not the one ending at sample 0
            int count = blockPrefix[t + whole] - blockPrefix[t] + crossings(y, s + whole * hop, s + frameLength)
                    - crossings(y, s, s + 1);
            zcr[t] = count / (float) frameLength;
        }
        return zcr;
    }

    /**
     * Sign changes between {@code y[j - 1]} and {@code y[j]} for {@code j} in {@code [from, to)} (clipped to
     * {@code [1, y.length)}). {@code v} counts as negative when {@code v - NEGATIVE_BELOW} has its sign bit set:
     * exact, since a float difference is zero only for equal operands.
     */
    private static int crossings(float[] y, int from, int to) {
        int lo = Math.max(1, from);
        int hi = Math.min(to, y.length);
        if (lo >= hi) {
            return 0;
        }
        int count = 0;
        int prev = Float.floatToRawIntBits(y[lo - 1] - NEGATIVE_BELOW);
        for (int j = lo; j < hi; j++) {
            int bits = Float.floatToRawIntBits(y[j] - NEGATIVE_BELOW);
            count += (bits ^ prev) >>> 31;
            prev = bits;
        }
        return count;
    }

    /** The float {@code b} with {@code v < b} exactly when {@code v < -ZERO_CROSSING_THRESHOLD} (a float compare). */
    private static float negativeBound() {
        float f = (float) -ZERO_CROSSING_THRESHOLD;
        return f < -ZERO_CROSSING_THRESHOLD ? Math.nextUp(f) : f;
    }

    /**
     * librosa.feature.rms: centred frames of nFft padded like the STFT, sqrt(mean(x^2)); sums of squares per
     * hop-long block (float within {@link #PARTIAL_SUM_BINS}-sample runs, double across), then per frame.
     */
    private float[] rms(float[] padded, int frames) {
        int frameLength = config.nFft();
        int hop = config.hopLength();
        int blocks = (padded.length + hop - 1) / hop;
        double[] blockPrefix = new double[blocks + 1];
        for (int b = 0; b < blocks; b++) {
            blockPrefix[b + 1] = blockPrefix[b] + sumOfSquares(padded, b * hop, Math.min(padded.length, (b + 1) * hop));
        }
        int whole = frameLength / hop;
        float[] rms = new float[frames];
        for (int t = 0; t < frames; t++) {
            int s = t * hop;
            double sum = blockPrefix[t + whole] - blockPrefix[t]
                    + sumOfSquares(padded, s + whole * hop, s + frameLength);
            rms[t] = (float) Math.sqrt(Math.max(0.0, sum / frameLength));
        }
        return rms;
    }

    private static double sumOfSquares(float[] x, int from, int to) {
        double sum = 0;
        for (int i0 = from; i0 < to; i0 += PARTIAL_SUM_BINS) {
            int i1 = Math.min(to, i0 + PARTIAL_SUM_BINS);
            float part = 0f;
            for (int i = i0; i < i1; i++) {
                part += x[i] * x[i];
            }
            sum += part;
        }
        return sum;
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
        private List<String> summaryColumns = SummaryFeatures.COLUMNS;

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

        /**
         * The columns of {@link FeatureExtractor#summaryRow}: {@link SummaryFeatures#COLUMNS} (the default) or a
         * bundle's, e.g. {@link SummaryFeatures#EXTENDED_COLUMNS}; an empty list (a bundle without a summary model)
         * means the default. Spectral contrast, band balance, chroma tonality and the modulation spectrum are computed
         * only when they need them.
         */
        public Builder optSummaryColumns(List<String> columns) {
            this.summaryColumns = columns.isEmpty() ? SummaryFeatures.COLUMNS : columns;
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
         * @throws IllegalArgumentException if no configuration was set, or a frame-feature or summary column name is
         *                                  unknown
         */
        public FeatureExtractor build() {
            if (config == null) {
                throw new IllegalArgumentException("FeatureExtractor needs a FeatureConfig: call setConfig");
            }
            return new FeatureExtractor(this);
        }
    }
}
