package io.genrestream.features;

import org.jtransforms.fft.DoubleFFT_1D;

import java.util.Arrays;

/**
 * librosa-compatible global tempo ({@code librosa.beat.tempo} / {@code librosa.feature.rhythm.tempo} with
 * {@code aggregate=np.mean}, as {@code librosa.beat.beat_track} calls it): the onset strength envelope is cut into
 * centred windows of {@code acSize} seconds (librosa pads the envelope with linear ramps to zero), each window is
 * Hann-weighted and autocorrelated, normalised by its peak; the mean over windows is weighted by a log-normal prior
 * around {@code startBpm} (in octaves, {@code stdBpm} wide), tempi at or above {@code maxTempo} are excluded, and the
 * best lag gives the tempo {@code 60 sr / (hop lag)}. Results therefore lie on that grid (123.046875, 117.45...,
 * 95.703125 BPM at 22050 Hz, hop 512).
 *
 * <p>{@link #estimate(float[], FeatureConfig)} follows {@code librosa.beat.beat_track(y=y, sr=sr)}: its onset
 * envelope is aggregated with the median over mel bands, and an envelope without any onset gives 0 BPM.
 * {@link #fromEnvelope(float[], FeatureConfig)} lets a streaming caller keep only per-segment envelopes
 * ({@link OnsetStrength#envelope}) and estimate tempo over their concatenation.
 *
 * <p>Pure and thread-safe.
 */
public final class TempoEstimator {

    /** librosa's prior centre. */
    public static final double DEFAULT_START_BPM = 120.0;
    /** librosa's prior width, in octaves. */
    public static final double DEFAULT_STD_BPM = 1.0;
    /** librosa's autocorrelation window, in seconds. */
    public static final double DEFAULT_AC_SIZE_SECONDS = 8.0;
    /** librosa's upper tempo bound (exclusive). */
    public static final double DEFAULT_MAX_TEMPO = 320.0;

    private final int sampleRate;
    private final int hopLength;
    private final double startBpm;
    private final double stdBpm;
    private final double maxTempo;
    private final int winLength;
    private final double[] window;
    /**
     * FFT size of the autocorrelation: a power of two at or above {@code 2 winLength - 1} (librosa.autocorrelate pads
     * to exactly that; any size from there up gives the same linear autocorrelation).
     */
    private final int fftSize;
    /** Power spectra of the windowed frames, the window zero-padded to {@code fftSize}. */
    private final FrameBatchFft frameFft;

    private TempoEstimator(Builder b) {
        this.sampleRate = b.config.sampleRate();
        this.hopLength = b.config.hopLength();
        this.startBpm = b.startBpm;
        this.stdBpm = b.stdBpm;
        this.maxTempo = b.maxTempo;
        // librosa.time_to_frames(ac_size): floor(floor(ac_size * sr) / hop)
        this.winLength = (int) ((long) Math.floor(b.acSizeSeconds * sampleRate) / hopLength);
        if (winLength < 2) {
            throw new IllegalArgumentException("autocorrelation window of " + b.acSizeSeconds + " s is under two frames");
        }
        this.window = new double[winLength];
        for (int k = 0; k < winLength; k++) {
            window[k] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * k / winLength);
        }
        this.fftSize = Integer.highestOneBit(2 * winLength - 1) << 1;
        float[] paddedWindow = new float[fftSize];
        for (int k = 0; k < winLength; k++) {
            paddedWindow[k] = (float) window[k];
        }
        this.frameFft = new FrameBatchFft(fftSize, paddedWindow);
    }

    /** A builder; {@link Builder#setConfig} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The tempo {@code librosa.beat.beat_track(y=y, sr=sr)} reports, in BPM: the median-aggregated onset envelope
     * of {@code y}, then {@link #tempo(float[])} with librosa's defaults; 0 when {@code y} has no onset at all.
     *
     * @throws IllegalArgumentException if {@code y} is empty or holds non-finite samples
     */
    public static double estimate(float[] y, FeatureConfig config) {
        float[] envelope = OnsetStrength.builder().setConfig(config)
                .optAggregate(OnsetStrength.Aggregate.MEDIAN).build().envelope(y);
        return fromEnvelope(envelope, config);
    }

    /**
     * The tempo of an onset envelope (frames at {@code config}'s hop) with librosa's defaults, 0 if the envelope
     * holds no positive value (librosa's beat tracker reports 0 then).
     */
    public static double fromEnvelope(float[] envelope, FeatureConfig config) {
        return builder().setConfig(config).build().tempo(envelope);
    }

    /**
     * The tempo of {@code envelope} in BPM, 0 if it holds no positive value.
     *
     * @throws IllegalArgumentException if the envelope is empty or holds non-finite values
     */
    public double tempo(float[] envelope) {
        Signals.requireFinite(envelope, "onset envelope");
        boolean any = false;
        for (float v : envelope) {
            if (v != 0f) {
                any = true;
                break;
            }
        }
        if (!any) {
            return 0.0;
        }
        double[] tg = meanTempogram(envelope);
        double[] bpms = tempoFrequencies(winLength, sampleRate, hopLength);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        double log2Start = log2(startBpm);
        for (int lag = 1; lag < winLength; lag++) {
            if (bpms[lag] >= maxTempo) {
                continue;
            }
            double z = (log2(bpms[lag]) - log2Start) / stdBpm;
            double score = Math.log1p(1e6 * tg[lag]) - 0.5 * z * z;
            if (score > bestScore) {
                bestScore = score;
                best = lag;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no tempo below " + maxTempo + " BPM on a grid of " + winLength + " lags");
        }
        return bpms[best];
    }

    /**
     * librosa's autocorrelation tempogram ({@code librosa.feature.tempogram}, centred, Hann window, max-normalised
     * per frame) averaged over frames: one value per lag {@code 0 .. winLength - 1}.
     */
    public double[] meanTempogram(float[] envelope) {
        int n = envelope.length;
        int pad = winLength / 2;
        // np.pad(..., mode='linear_ramp', end_values=0): ramps from 0 up to (not including) the edge value; zeros
        // after it so that every frame's whole FFT input (the window and its zero padding) lies inside the signal
        float[] padded = new float[n + 2 * pad + fftSize];
        double first = envelope[0];
        double last = envelope[n - 1];
        for (int i = 0; i < pad; i++) {
            padded[i] = (float) (first * i / pad);
            padded[pad + n + i] = (float) (last * (pad - 1 - i) / pad);
        }
        System.arraycopy(envelope, 0, padded, pad, n);
        // librosa.autocorrelate's FFT route: |FFT(frame, zero-padded to >= 2 winLength - 1)|^2, inverse FFT. Each
        // frame is max-normalised, and the peak of an autocorrelation is its lag 0, the frame's energy
        // (Cauchy-Schwarz); the inverse FFT is linear, so the mean of the normalised autocorrelations is the inverse FFT
        // of the mean of the energy-normalised power spectra: one inverse FFT in all instead of one per frame. The
        // frames' power spectra come from FrameBatchFft in blocks of equal size (so its scratch rows are reused):
        // 2.6 times as fast as one JTransforms call per frame (docs/benchmarks.md B).
        int blocks = (n + FrameBatchFft.MAX_KEPT_FRAMES - 1) / FrameBatchFft.MAX_KEPT_FRAMES;
        int blockFrames = (n + blocks - 1) / blocks;
        double[] meanPower = new double[fftSize / 2 + 1];
        double[] scale = new double[blockFrames];
        for (int j0 = 0; j0 < n; j0 += blockFrames) {
            int frames = Math.min(blockFrames, n - j0);
            for (int t = 0; t < frames; t++) {
                double energy = 0;
                for (int i = 0; i < winLength; i++) {
                    double v = padded[j0 + t + i] * window[i];
                    energy += v * v;
                }
                // util.normalize(norm=inf): frames whose peak is below the smallest normal are left as they are
                scale[t] = energy < Double.MIN_NORMAL ? 1.0 : 1.0 / energy;
            }
            float[] slice = Arrays.copyOfRange(padded, j0, j0 + blockFrames - 1 + fftSize);
            float[][] power = frameFft.powerByBin(slice, blockFrames, 1);
            for (int k = 0; k < meanPower.length; k++) {
                float[] row = power[k];
                double sum = 0;
                for (int t = 0; t < frames; t++) {
                    sum += scale[t] * row[t];
                }
                meanPower[k] += sum;
            }
        }
        // JTransforms' packed layout for the inverse: [0] = Re[0], [1] = Re[n/2], [2k] = Re[k], [2k+1] = Im[k] = 0
        double[] packed = new double[fftSize];
        packed[0] = meanPower[0];
        packed[1] = meanPower[fftSize / 2];
        for (int k = 1; k < fftSize / 2; k++) {
            packed[2 * k] = meanPower[k];
        }
        new DoubleFFT_1D(fftSize).realInverse(packed, true);
        double[] mean = new double[winLength];
        for (int lag = 0; lag < winLength; lag++) {
            mean[lag] = packed[lag] / n;
        }
        return mean;
    }

    /**
     * {@code librosa.tempo_frequencies(n, sr, hop)}: the tempo of each autocorrelation lag, {@code 60 sr / (hop lag)},
     * infinite for lag 0.
     */
    public static double[] tempoFrequencies(int n, int sampleRate, int hopLength) {
        double[] bpms = new double[n];
        if (n > 0) {
            bpms[0] = Double.POSITIVE_INFINITY;
        }
        for (int lag = 1; lag < n; lag++) {
            bpms[lag] = 60.0 * sampleRate / ((double) hopLength * lag);
        }
        return bpms;
    }

    /** Lags in the autocorrelation window ({@code librosa.time_to_frames(ac_size)}; 344 at 22050 Hz, hop 512). */
    public int winLength() {
        return winLength;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2.0);
    }

    /** Builder for {@link TempoEstimator}: {@code setConfig} required, the rest optional with librosa's defaults. */
    public static final class Builder {
        private FeatureConfig config;
        private double startBpm = DEFAULT_START_BPM;
        private double stdBpm = DEFAULT_STD_BPM;
        private double acSizeSeconds = DEFAULT_AC_SIZE_SECONDS;
        private double maxTempo = DEFAULT_MAX_TEMPO;

        private Builder() {
        }

        /** Sample rate and hop of the envelope. Required. */
        public Builder setConfig(FeatureConfig config) {
            this.config = config;
            return this;
        }

        /** Centre of the log-normal tempo prior. Default 120 BPM. */
        public Builder optStartBpm(double startBpm) {
            this.startBpm = startBpm;
            return this;
        }

        /** Width of the prior in octaves. Default 1. */
        public Builder optStdBpm(double stdBpm) {
            this.stdBpm = stdBpm;
            return this;
        }

        /** Autocorrelation window in seconds. Default 8. */
        public Builder optAcSizeSeconds(double acSizeSeconds) {
            this.acSizeSeconds = acSizeSeconds;
            return this;
        }

        /** Tempi at or above this are never reported. Default 320 BPM. */
        public Builder optMaxTempo(double maxTempo) {
            this.maxTempo = maxTempo;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first bad setting
         */
        public TempoEstimator build() {
            if (config == null) {
                throw new IllegalArgumentException("TempoEstimator needs a FeatureConfig: call setConfig");
            }
            if (!(startBpm > 0) || Double.isInfinite(startBpm)) {
                throw new IllegalArgumentException("startBpm must be positive and finite, was " + startBpm);
            }
            if (!(stdBpm > 0) || Double.isInfinite(stdBpm)) {
                throw new IllegalArgumentException("stdBpm must be positive and finite, was " + stdBpm);
            }
            if (!(acSizeSeconds > 0) || Double.isInfinite(acSizeSeconds)) {
                throw new IllegalArgumentException("acSizeSeconds must be positive and finite, was " + acSizeSeconds);
            }
            if (!(maxTempo > 0)) {
                throw new IllegalArgumentException("maxTempo must be positive, was " + maxTempo);
            }
            return new TempoEstimator(this);
        }
    }
}
