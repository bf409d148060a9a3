package io.genrestream.features;

/**
 * The Slaney-style mel filter bank of {@code librosa.filters.mel(sr, n_fft, n_mels, fmin=0, fmax=sr/2,
 * htk=False, norm='slaney')}: triangular filters on the Slaney mel scale (linear below 1 kHz, logarithmic above),
 * each scaled to unit area ({@code 2 / (f_{i+2} - f_i)}).
 *
 * <p>Stored sparsely (each filter covers a few FFT bins), so applying it costs about two multiplications per
 * bin. Immutable and thread-safe.
 */
public final class MelFilterBank {

    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private final int bins;
    private final int[] firstBin;
    private final float[][] weights;
    // the bins each band's weights apply to: firstBin[m], firstBin[m] + 1, ... (for WeightedRowSum)
    private final int[][] binsOfBand;

    private MelFilterBank(int bins, int[] firstBin, float[][] weights) {
        this.bins = bins;
        this.firstBin = firstBin;
        this.weights = weights;
        this.binsOfBand = new int[weights.length][];
        for (int m = 0; m < weights.length; m++) {
            int k0 = firstBin[m];
            binsOfBand[m] = java.util.stream.IntStream.range(k0, k0 + weights[m].length).toArray();
        }
    }

    /** librosa's default bank for {@code config}: {@code nMels} bands from 0 Hz to {@code sampleRate / 2}. */
    public static MelFilterBank of(FeatureConfig config) {
        return slaney(config.sampleRate(), config.nFft(), config.nMels(), 0.0, config.sampleRate() / 2.0);
    }

    /** A Slaney mel bank of {@code nMels} filters between {@code fmin} and {@code fmax} Hz. */
    public static MelFilterBank slaney(int sampleRate, int nFft, int nMels, double fmin, double fmax) {
        int bins = nFft / 2 + 1;
        double[] fftFreqs = new double[bins];
        for (int k = 0; k < bins; k++) {
            fftFreqs[k] = k * (double) sampleRate / nFft;
        }
        double minMel = hzToMel(fmin);
        double maxMel = hzToMel(fmax);
        double[] melF = new double[nMels + 2];
        for (int i = 0; i < melF.length; i++) {
            melF[i] = melToHz(minMel + (maxMel - minMel) * i / (melF.length - 1));
        }
        int[] first = new int[nMels];
        float[][] w = new float[nMels][];
        for (int i = 0; i < nMels; i++) {
            double lowerDiff = melF[i + 1] - melF[i];
            double upperDiff = melF[i + 2] - melF[i + 1];
            double enorm = 2.0 / (melF[i + 2] - melF[i]);
            int lo = -1;
            int hi = -1;
            float[] row = new float[bins];
            for (int k = 0; k < bins; k++) {
                double lower = (fftFreqs[k] - melF[i]) / lowerDiff;
                double upper = (melF[i + 2] - fftFreqs[k]) / upperDiff;
                double v = Math.max(0.0, Math.min(lower, upper));
                // librosa builds the bank in float32 and scales it there
                row[k] = (float) v * (float) enorm;
                if (row[k] > 0) {
                    if (lo < 0) {
                        lo = k;
                    }
                    hi = k;
                }
            }
            if (lo < 0) {
                first[i] = 0;
                w[i] = new float[0];
            } else {
                first[i] = lo;
                w[i] = java.util.Arrays.copyOfRange(row, lo, hi + 1);
            }
        }
        return new MelFilterBank(bins, first, w);
    }

    /** Slaney mel of a frequency in Hz ({@code librosa.hz_to_mel(htk=False)}). */
    public static double hzToMel(double hz) {
        if (hz >= MIN_LOG_HZ) {
            return MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
        }
        return hz / F_SP;
    }

    /** Frequency in Hz of a Slaney mel ({@code librosa.mel_to_hz(htk=False)}). */
    public static double melToHz(double mel) {
        if (mel >= MIN_LOG_MEL) {
            return MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
        }
        return F_SP * mel;
    }

    /** Number of mel bands. */
    public int bands() {
        return weights.length;
    }

    /** Weight of FFT bin {@code bin} in band {@code band} (the dense matrix librosa returns). */
    public float weight(int band, int bin) {
        int j = bin - firstBin[band];
        return j >= 0 && j < weights[band].length ? weights[band][j] : 0f;
    }

    /**
     * Mel spectrum of one power-spectrum frame into {@code out}.
     *
     * @throws IllegalArgumentException if the frame does not have {@code nFft / 2 + 1} bins
     */
    public void apply(float[] powerFrame, float[] out) {
        if (powerFrame.length != bins) {
            throw new IllegalArgumentException("expected " + bins + " bins, got " + powerFrame.length);
        }
        for (int m = 0; m < weights.length; m++) {
            float[] w = weights[m];
            int off = firstBin[m];
            double acc = 0;
            for (int j = 0; j < w.length; j++) {
                acc += w[j] * powerFrame[off + j];
            }
            out[m] = (float) acc;
        }
    }

    /**
     * Mel spectra of a power spectrogram laid out {@code [bin][frame]}, layout {@code [band][frame]}; summed in
     * float over the frames at once (vectorised), so it agrees with {@link #apply} to float rounding.
     */
    float[][] applyByBin(float[][] powerByBin) {
        if (powerByBin.length != bins) {
            throw new IllegalArgumentException("expected " + bins + " bins, got " + powerByBin.length);
        }
        int frames = powerByBin[0].length;
        float[][] out = new float[weights.length][frames];
        for (int m = 0; m < weights.length; m++) {
            WeightedRowSum.addTo(out[m], powerByBin, binsOfBand[m], weights[m], 0, weights[m].length);
        }
        return out;
    }
}
