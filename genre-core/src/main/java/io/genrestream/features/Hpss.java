package io.genrestream.features;

import java.util.Arrays;

/**
 * librosa-compatible harmonic/percussive source separation ({@code librosa.effects.hpss}, Fitzgerald 2010 with
 * librosa's soft masks): the centred STFT's magnitude is median-filtered along time (harmonic estimate) and along
 * frequency (percussive estimate), both {@code kernelSize} wide with scipy's 'reflect' edges; Wiener-style soft
 * masks {@code H^p / (H^p + (margin P)^p)} (librosa.util.softmask, cells where both estimates are below the
 * smallest normal float get 0.5 when both margins are 1, else 0) scale the complex STFT; each masked STFT is
 * inverted with {@link InverseStft} to the input's length.
 *
 * <p>How the masked STFTs are cut to the input's length differs between librosa versions, see {@link Inversion}; by
 * default it follows the version the configuration's centre padding stands for ("reflect": librosa up to 0.8, which
 * made the Kaggle GTZAN table; "zero": 0.9 and later).
 *
 * <p>With the default margins the two masks sum to one, so harmonic + percussive reconstructs the input up to the
 * STFT round trip's rounding; {@link #separate} then inverts only the harmonic part and takes the percussive part as
 * the difference.
 *
 * <p>Pure and thread-safe: no state beyond the immutable settings.
 */
public final class Hpss {

    /** librosa's default median filter width, in frames (harmonic) and bins (percussive). */
    public static final int DEFAULT_KERNEL_SIZE = 31;
    /** librosa's default soft-mask exponent. */
    public static final double DEFAULT_POWER = 2.0;
    /** librosa's default margin (1: no residual, masks sum to one). */
    public static final double DEFAULT_MARGIN = 1.0;

    private final Stft stft;
    private final InverseStft inverse;
    private final int kernelHarmonic;
    private final int kernelPercussive;
    private final double power;
    private final double marginHarmonic;
    private final double marginPercussive;
    private final Inversion inversion;

    /** How the separated spectrograms are turned back into waveforms as long as the input. */
    public enum Inversion {
        /**
         * librosa 0.9 and later: {@code istft(..., length=len(y))}, every sample reconstructed.
         */
        TARGET_LENGTH,
        /**
         * librosa up to 0.8: {@code fix_length(istft(...), len(y))}; the inverse covers {@code hop * (frames - 1)}
         * samples, so the last {@code len(y) % hop} samples are zeros.
         */
        TRIM_THEN_FIX_LENGTH
    }

    private Hpss(Builder b) {
        this.stft = new Stft(b.config);
        this.inverse = new InverseStft(b.config);
        this.kernelHarmonic = b.kernelHarmonic;
        this.kernelPercussive = b.kernelPercussive;
        this.power = b.power;
        this.marginHarmonic = b.marginHarmonic;
        this.marginPercussive = b.marginPercussive;
        this.inversion = b.inversion != null ? b.inversion
                : Stft.PAD_REFLECT.equals(b.config.centerPadding()) ? Inversion.TRIM_THEN_FIX_LENGTH
                : Inversion.TARGET_LENGTH;
    }

    /** A builder; {@link Builder#setConfig} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code librosa.effects.hpss(y)} with librosa's defaults and the STFT settings of {@code config}.
     *
     * @throws IllegalArgumentException if {@code y} is empty or holds non-finite samples
     */
    public static HarmonicPercussive harmonicPercussive(float[] y, FeatureConfig config) {
        return builder().setConfig(config).build().separate(y);
    }

    /**
     * Separates {@code y} into its harmonic and percussive waveforms, each as long as {@code y}.
     *
     * @throws IllegalArgumentException if {@code y} is empty or holds non-finite samples
     */
    public HarmonicPercussive separate(float[] y) {
        ComplexSpectrogram spectrum = stft.forward(y);
        if (marginHarmonic == 1.0 && marginPercussive == 1.0) {
            // the masks sum to one and the inverse STFT is linear, so percussive = inverse(X) - harmonic, and
            // inverse(X) is the input itself (all of it, or up to the trimmed length): one inverse STFT, not two
            float[] harmonic = invert(decompose(spectrum, true)[0], y.length);
            int reconstructed = inversion == Inversion.TARGET_LENGTH ? y.length
                    : Math.min(y.length, inverse.hopLength() * (spectrum.frames() - 1));
            float[] percussive = new float[y.length];
            for (int i = 0; i < reconstructed; i++) {
                percussive[i] = y[i] - harmonic[i];
            }
            return new HarmonicPercussive(harmonic, percussive);
        }
        ComplexSpectrogram[] parts = decompose(spectrum);
        return new HarmonicPercussive(invert(parts[0], y.length), invert(parts[1], y.length));
    }

    private float[] invert(ComplexSpectrogram part, int length) {
        if (inversion == Inversion.TARGET_LENGTH) {
            return inverse.inverse(part, length);
        }
        float[] trimmed = inverse.inverseTrimmed(part);
        return trimmed.length == length ? trimmed : Arrays.copyOf(trimmed, length);
    }

    /** The inversion in use. */
    public Inversion inversion() {
        return inversion;
    }

    /**
     * {@code librosa.decompose.hpss} on a complex spectrogram: the harmonic and the percussive spectrogram, in
     * that order.
     */
    public ComplexSpectrogram[] decompose(ComplexSpectrogram spectrum) {
        return decompose(spectrum, false);
    }

    /** The harmonic and (unless {@code harmonicOnly}, then null) the percussive spectrogram. */
    private ComplexSpectrogram[] decompose(ComplexSpectrogram spectrum, boolean harmonicOnly) {
        int frames = spectrum.frames();
        int bins = spectrum.bins();
        float[][] re = spectrum.reView();
        float[][] im = spectrum.imView();
        float[][] magnitude = new float[frames][bins];
        float[][] magnitudeByBin = new float[bins][frames];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                float m = (float) Math.sqrt(re[t][k] * re[t][k] + im[t][k] * im[t][k]);
                magnitude[t][k] = m;
                magnitudeByBin[k][t] = m;
            }
        }
        // the filter runs along the columns of a matrix, all columns side by side: time in the [frame][bin] copy,
        // frequency in the [bin][frame] one
        float[][] harmonic = MedianFilter.alongColumns(magnitude, kernelHarmonic);
        float[][] percussiveByBin = MedianFilter.alongColumns(magnitudeByBin, kernelPercussive);
        boolean splitZeros = marginHarmonic == 1.0 && marginPercussive == 1.0;
        float[][] reH = new float[frames][bins];
        float[][] imH = new float[frames][bins];
        float[][] reP = harmonicOnly ? null : new float[frames][bins];
        float[][] imP = harmonicOnly ? null : new float[frames][bins];
        for (int t = 0; t < frames; t++) {
            float[] h = harmonic[t];
            for (int k = 0; k < bins; k++) {
                float p = percussiveByBin[k][t];
                float maskH = softmask(h[k], (float) (p * marginHarmonic), splitZeros);
                // S * mask * phase == X * mask (librosa's phase is 1 where |X| = 0, where X * mask is 0 as well)
                reH[t][k] = re[t][k] * maskH;
                imH[t][k] = im[t][k] * maskH;
                if (!harmonicOnly) {
                    float maskP = softmask(p, (float) (h[k] * marginPercussive), splitZeros);
                    reP[t][k] = re[t][k] * maskP;
                    imP[t][k] = im[t][k] * maskP;
                }
            }
        }
        return new ComplexSpectrogram[] {new ComplexSpectrogram(reH, imH),
                harmonicOnly ? null : new ComplexSpectrogram(reP, imP)};
    }

    /** librosa.util.softmask for one cell, computed relative to the larger input as librosa does. */
    private float softmask(float x, float ref, boolean splitZeros) {
        float z = Math.max(x, ref);
        if (z < Float.MIN_NORMAL) {
            return splitZeros ? 0.5f : 0f;
        }
        double xr = x / z;
        double rr = ref / z;
        double m = power == 2.0 ? xr * xr : Math.pow(xr, power);
        double r = power == 2.0 ? rr * rr : Math.pow(rr, power);
        return (float) (m / (m + r));
    }

    /**
     * The two waveforms of a separation, each as long as the input.
     *
     * @param harmonic   the harmonic (sustained, tonal) part
     * @param percussive the percussive (transient) part
     */
    public record HarmonicPercussive(float[] harmonic, float[] percussive) {
    }

    /** Builder for {@link Hpss}: {@code setConfig} required, the rest optional with librosa's defaults. */
    public static final class Builder {
        private FeatureConfig config;
        private int kernelHarmonic = DEFAULT_KERNEL_SIZE;
        private int kernelPercussive = DEFAULT_KERNEL_SIZE;
        private double power = DEFAULT_POWER;
        private double marginHarmonic = DEFAULT_MARGIN;
        private double marginPercussive = DEFAULT_MARGIN;
        private Inversion inversion;

        private Builder() {
        }

        /** How waveforms are cut to the input's length. Default: from the config's centre padding, see {@link Hpss}. */
        public Builder optInversion(Inversion inversion) {
            this.inversion = inversion;
            return this;
        }

        /** STFT settings (nFft, hop, centre padding). Required. */
        public Builder setConfig(FeatureConfig config) {
            this.config = config;
            return this;
        }

        /** Median filter widths: harmonic (frames) and percussive (bins), odd. Default 31 and 31. */
        public Builder optKernelSize(int harmonic, int percussive) {
            this.kernelHarmonic = harmonic;
            this.kernelPercussive = percussive;
            return this;
        }

        /** Soft-mask exponent, positive and finite. Default 2. */
        public Builder optPower(double power) {
            this.power = power;
            return this;
        }

        /** Margins, each at least 1 (librosa: larger margins leave a residual in neither part). Default 1 and 1. */
        public Builder optMargin(double harmonic, double percussive) {
            this.marginHarmonic = harmonic;
            this.marginPercussive = percussive;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first bad setting
         */
        public Hpss build() {
            if (config == null) {
                throw new IllegalArgumentException("Hpss needs a FeatureConfig: call setConfig");
            }
            if (kernelHarmonic <= 0 || kernelHarmonic % 2 == 0 || kernelPercussive <= 0 || kernelPercussive % 2 == 0) {
                throw new IllegalArgumentException("HPSS kernel sizes must be odd and positive: " + kernelHarmonic
                        + "/" + kernelPercussive);
            }
            if (!(power > 0) || Double.isInfinite(power)) {
                throw new IllegalArgumentException("HPSS mask power must be positive and finite, was " + power);
            }
            if (!(marginHarmonic >= 1) || !(marginPercussive >= 1)) {
                throw new IllegalArgumentException("HPSS margins must be >= 1, were " + marginHarmonic + "/"
                        + marginPercussive);
            }
            return new Hpss(this);
        }
    }
}
