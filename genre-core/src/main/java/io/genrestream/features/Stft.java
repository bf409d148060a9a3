package io.genrestream.features;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * librosa-compatible forward short-time Fourier transform ({@code librosa.stft} with {@code center=True}):
 * the signal is padded by {@code nFft/2} on each side ("zero" or "reflect", see
 * {@link FeatureConfig#centerPadding()}), cut into {@code 1 + len / hop} frames, each multiplied by a periodic
 * Hann window ({@code scipy.signal.get_window('hann', nFft, fftbins=True)}) and transformed with a real FFT.
 *
 * <p>The FFT is JTransforms' {@link FloatFFT_1D}: same numbers as TarsosDSP's {@code FloatFFT} (a copy of an older
 * JTransforms) but about 20 % faster (docs/benchmarks.md). Thread-safe: the FFT object keeps work tables, so each
 * thread gets its own instance. The feature extractor's power spectrogram ({@code powerByBin}, power-of-two sizes)
 * uses {@link FrameBatchFft}, which transforms all frames in one pass and keeps its rows per thread.
 */
public final class Stft {

    /** Padding mode name for zero padding (librosa 0.9 and later). */
    public static final String PAD_ZERO = "zero";
    /** Padding mode name for reflection padding (librosa up to 0.8). */
    public static final String PAD_REFLECT = "reflect";

    private final int nFft;
    private final int hopLength;
    private final boolean reflect;
    private final float[] window;
    private final ThreadLocal<FloatFFT_1D> fft;
    private final FrameBatchFft batchFft; // null unless nFft is a power of two

    /** An STFT with the window, hop and padding of {@code config}. */
    public Stft(FeatureConfig config) {
        this(config.nFft(), config.hopLength(), config.centerPadding());
    }

    /**
     * @param nFft          window and FFT length, even
     * @param hopLength     hop between frames in samples
     * @param centerPadding {@link #PAD_ZERO} or {@link #PAD_REFLECT}
     */
    public Stft(int nFft, int hopLength, String centerPadding) {
        if (nFft < 2 || nFft % 2 != 0 || hopLength <= 0) {
            throw new IllegalArgumentException("nFft must be even and >= 2, hop positive: " + nFft + "/" + hopLength);
        }
        this.nFft = nFft;
        this.hopLength = hopLength;
        this.reflect = parsePadding(centerPadding);
        this.window = periodicHann(nFft);
        this.fft = ThreadLocal.withInitial(() -> new FloatFFT_1D(nFft));
        this.batchFft = FrameBatchFft.isPowerOfTwo(nFft) && nFft >= 4 ? new FrameBatchFft(nFft, window) : null;
    }

    static boolean parsePadding(String centerPadding) {
        if (PAD_REFLECT.equals(centerPadding)) {
            return true;
        }
        if (PAD_ZERO.equals(centerPadding)) {
            return false;
        }
        throw new IllegalArgumentException("centerPadding must be '" + PAD_ZERO + "' or '" + PAD_REFLECT + "', was '"
                + centerPadding + "'");
    }

    /** Periodic Hann window of length {@code n}: {@code 0.5 - 0.5 cos(2 pi k / n)}. */
    public static float[] periodicHann(int n) {
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            w[k] = (float) (0.5 - 0.5 * Math.cos(2.0 * Math.PI * k / n));
        }
        return w;
    }

    /** Frames of a centred STFT over {@code length} samples: {@code 1 + length / hop}. */
    public int frameCount(int length) {
        return 1 + length / hopLength;
    }

    /** Window and FFT length. */
    public int nFft() {
        return nFft;
    }

    /** Hop between frames. */
    public int hopLength() {
        return hopLength;
    }

    /**
     * The centred STFT of {@code y}.
     *
     * @throws IllegalArgumentException if {@code y} is empty or holds NaN or infinite samples
     */
    public ComplexSpectrogram forward(float[] y) {
        Signals.requireFinite(y, "STFT input");
        int frames = frameCount(y.length);
        int bins = nFft / 2 + 1;
        int half = nFft / 2;
        float[][] re = new float[frames][bins];
        float[][] im = new float[frames][bins];
        float[] buf = new float[nFft];
        for (int t = 0; t < frames; t++) {
            transformFrame(y, t, buf);
            // JTransforms layout: buf[0] = Re[0], buf[1] = Re[n/2], buf[2k] = Re[k], buf[2k+1] = Im[k]
            float[] r = re[t];
            float[] i = im[t];
            r[0] = buf[0];
            r[half] = buf[1];
            for (int k = 1; k < half; k++) {
                r[k] = buf[2 * k];
                i[k] = buf[2 * k + 1];
            }
        }
        return new ComplexSpectrogram(re, im);
    }

    /**
     * The power spectrogram {@code |X|^2} of the centred STFT of {@code y}, layout {@code [frame][bin]}: the same
     * as {@code forward(y).power()} without keeping the complex values.
     *
     * @throws IllegalArgumentException if {@code y} is empty or holds NaN or infinite samples
     */
    public float[][] power(float[] y) {
        Signals.requireFinite(y, "STFT input");
        int frames = frameCount(y.length);
        int half = nFft / 2;
        float[][] power = new float[frames][half + 1];
        float[] buf = new float[nFft];
        for (int t = 0; t < frames; t++) {
            transformFrame(y, t, buf);
            float[] p = power[t];
            p[0] = buf[0] * buf[0];
            p[half] = buf[1] * buf[1];
            for (int k = 1; k < half; k++) {
                float r = buf[2 * k];
                float i = buf[2 * k + 1];
                p[k] = r * r + i * i;
            }
        }
        return power;
    }

    /**
     * The power spectrogram of {@link #power} from the signal already padded by {@link #centerPadded}, layout
     * {@code [bin][frame]}: the layout in which per-bin sums over all frames vectorise. Power-of-two sizes use
     * {@link FrameBatchFft}, which agrees with {@link #power} to float rounding; its result is this thread's
     * scratch, valid (and writable) until the next call on the same thread.
     */
    float[][] powerByBin(float[] y, float[] padded) {
        int frames = frameCount(y.length);
        if (batchFft != null) {
            return batchFft.powerByBin(padded, frames, hopLength);
        }
        return transpose(power(y));
    }

    /**
     * {@code y} padded by {@code nFft / 2} on each side as the centred frames see it ("zero" or "reflect").
     *
     * @throws IllegalArgumentException if {@code y} is empty or holds NaN or infinite samples
     */
    float[] centerPadded(float[] y) {
        Signals.requireFinite(y, "STFT input");
        int pad = nFft / 2;
        float[] out = new float[y.length + 2 * pad];
        System.arraycopy(y, 0, out, pad, y.length);
        if (reflect) {
            for (int j = 0; j < pad; j++) {
                out[j] = y[reflectIndex(j - pad, y.length)];
                out[pad + y.length + j] = y[reflectIndex(y.length + j, y.length)];
            }
        }
        return out;
    }

    /** {@code m} transposed. */
    static float[][] transpose(float[][] m) {
        int cols = m.length == 0 ? 0 : m[0].length;
        float[][] out = new float[cols][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < cols; j++) {
                out[j][i] = m[i][j];
            }
        }
        return out;
    }

    /** Windows frame {@code t} of the padded signal into {@code buf} and transforms it in place. */
    private void transformFrame(float[] y, int t, float[] buf) {
        int start = t * hopLength - nFft / 2;
        if (start >= 0 && start + nFft <= y.length) {
            for (int n = 0; n < nFft; n++) {
                buf[n] = y[start + n] * window[n];
            }
        } else {
            for (int n = 0; n < nFft; n++) {
                buf[n] = padded(y, start + n) * window[n];
            }
        }
        fft.get().realForward(buf);
    }

    private float padded(float[] y, int index) {
        if (index >= 0 && index < y.length) {
            return y[index];
        }
        if (!reflect) {
            return 0f;
        }
        return y[reflectIndex(index, y.length)];
    }

    /** numpy's "reflect" padding (edge sample not repeated), repeated for pads longer than the signal. */
    static int reflectIndex(int index, int length) {
        if (length == 1) {
            return 0;
        }
        int period = 2 * (length - 1);
        int m = Math.floorMod(index, period);
        return m < length ? m : period - m;
    }
}
