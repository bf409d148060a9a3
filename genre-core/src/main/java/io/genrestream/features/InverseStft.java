package io.genrestream.features;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * librosa-compatible inverse short-time Fourier transform ({@code librosa.istft} with {@code center=True},
 * Hann window and a target {@code length}): each frame is inverted with a real inverse FFT, multiplied by the
 * periodic Hann window and overlap-added; the sum is divided by the overlap-added squared window wherever that
 * sum exceeds the smallest normal float; the first {@code nFft / 2} samples (the centring pad) are dropped and the
 * result is cut or zero-padded to {@code length}. Frames beyond {@code ceil((length + nFft) / hop)} are ignored,
 * as librosa does.
 *
 * <p>Thread-safe: TarsosDSP's {@link FloatFFT} keeps work tables, so each thread gets its own instance.
 */
public final class InverseStft {

    private final int nFft;
    private final int hopLength;
    private final float[] window;
    private final ThreadLocal<FloatFFT> fft;

    /** An inverse STFT with the window length and hop of {@code config}. */
    public InverseStft(FeatureConfig config) {
        this(config.nFft(), config.hopLength());
    }

    /**
     * @param nFft      window and FFT length, even
     * @param hopLength hop between frames in samples
     */
    public InverseStft(int nFft, int hopLength) {
        if (nFft < 2 || nFft % 2 != 0 || hopLength <= 0) {
            throw new IllegalArgumentException("nFft must be even and >= 2, hop positive: " + nFft + "/" + hopLength);
        }
        this.nFft = nFft;
        this.hopLength = hopLength;
        this.window = Stft.periodicHann(nFft);
        this.fft = ThreadLocal.withInitial(() -> new FloatFFT(nFft));
    }

    /**
     * The signal of {@code length} samples whose centred STFT is {@code spectrogram}.
     *
     * @throws IllegalArgumentException if the spectrogram's bins do not match {@code nFft / 2 + 1} or
     *                                  {@code length} is negative
     */
    public float[] inverse(ComplexSpectrogram spectrogram, int length) {
        requireBins(spectrogram);
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, was " + length);
        }
        int frames = Math.min(spectrogram.frames(), (int) Math.ceil((length + (double) nFft) / hopLength));
        return inverse(spectrogram, length, frames);
    }

    /** Overlap-adds the first {@code frames} frames and returns {@code length} samples after the centring pad. */
    private float[] inverse(ComplexSpectrogram spectrogram, int length, int frames) {
        int half = nFft / 2;
        int fullLength = frames == 0 ? 0 : nFft + hopLength * (frames - 1);
        double[] sum = new double[fullLength];
        double[] windowSum = new double[fullLength];
        float[] buf = new float[nFft];
        FloatFFT f = fft.get();
        for (int t = 0; t < frames; t++) {
            float[] re = spectrogram.re(t);
            float[] im = spectrogram.im(t);
            // JTransforms layout: buf[0] = Re[0], buf[1] = Re[n/2], buf[2k] = Re[k], buf[2k+1] = Im[k];
            // the imaginary parts of DC and Nyquist are dropped, as numpy's irfft does
            buf[0] = re[0];
            buf[1] = re[half];
            for (int k = 1; k < half; k++) {
                buf[2 * k] = re[k];
                buf[2 * k + 1] = im[k];
            }
            f.realInverse(buf, true);
            int start = t * hopLength;
            for (int n = 0; n < nFft; n++) {
                sum[start + n] += (double) buf[n] * window[n];
                windowSum[start + n] += (double) window[n] * window[n];
            }
        }
        float[] y = new float[length];
        int available = Math.min(length, Math.max(0, fullLength - half));
        for (int i = 0; i < available; i++) {
            double w = windowSum[half + i];
            double v = sum[half + i];
            y[i] = (float) (w > Float.MIN_NORMAL ? v / w : v);
        }
        return y;
    }

    /**
     * {@code librosa.istft(spectrogram)} without a target length: the overlap-added signal with the centring pad
     * trimmed from both ends, {@code hop * (frames - 1)} samples. librosa up to 0.8 inverted HPSS this way and then
     * cut or zero-padded the result to the input's length ({@code util.fix_length}).
     */
    public float[] inverseTrimmed(ComplexSpectrogram spectrogram) {
        requireBins(spectrogram);
        int frames = spectrogram.frames();
        return frames == 0 ? new float[0] : inverse(spectrogram, hopLength * (frames - 1), frames);
    }

    private void requireBins(ComplexSpectrogram spectrogram) {
        int bins = nFft / 2 + 1;
        if (spectrogram.frames() > 0 && spectrogram.bins() != bins) {
            throw new IllegalArgumentException("spectrogram has " + spectrogram.bins() + " bins, nFft " + nFft
                    + " needs " + bins);
        }
    }

    /** Window and FFT length. */
    public int nFft() {
        return nFft;
    }

    /** Hop between frames. */
    public int hopLength() {
        return hopLength;
    }
}
