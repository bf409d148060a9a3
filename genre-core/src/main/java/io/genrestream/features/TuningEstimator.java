package io.genrestream.features;

import java.util.Arrays;

/**
 * Tuning deviation from A440 in fractions of a semitone, as {@code librosa.estimate_tuning(S=power, sr, n_fft)}
 * computes it for {@code chroma_stft}: parabolic-interpolated spectral peaks ({@code librosa.piptrack}: 150 Hz to
 * 4 kHz, above 0.1 of the frame's maximum), those at or above the median peak magnitude are histogrammed by their
 * deviation from the equal-tempered grid in steps of 0.01; the left edge of the fullest bin is the tuning.
 *
 * <p>Pure and thread-safe.
 */
public final class TuningEstimator {

    /** piptrack's lowest frequency. */
    public static final double FMIN = 150.0;
    /** piptrack's highest frequency (exclusive). */
    public static final double FMAX = 4000.0;
    /** piptrack's peak threshold relative to the frame maximum. */
    public static final double THRESHOLD = 0.1;
    /** Histogram resolution in fractions of a bin. */
    public static final double RESOLUTION = 0.01;
    private static final int BINS_PER_OCTAVE = 12;
    /** numpy's tiny for float32, which librosa uses to avoid dividing by zero. */
    private static final float TINY = Float.MIN_NORMAL;

    private TuningEstimator() {
    }

    /**
     * The tuning of a power spectrogram, layout {@code [frame][bin]}; 0 when it has no peak (e.g. silence).
     */
    public static double estimate(float[][] power, int sampleRate, int nFft) {
        if (power.length == 0) {
            return 0.0;
        }
        return estimateByBin(Stft.transpose(power), sampleRate, nFft);
    }

    /**
     * The tuning of a power spectrogram laid out {@code [bin][frame]}: the same peaks as frame by frame (their
     * order does not matter), with the per-frame maxima and the peak test running over contiguous frames.
     */
    static double estimateByBin(float[][] powerByBin, int sampleRate, int nFft) {
        int bins = powerByBin.length;
        int frames = bins == 0 ? 0 : powerByBin[0].length;
        if (frames == 0) {
            return 0.0;
        }
        double fmax = Math.min(FMAX, sampleRate / 2.0);
        // bins with FMIN <= f < fmax, and never the edge bins (their interpolation terms are zero in librosa)
        int kLo = 1;
        while (kLo * (double) sampleRate / nFft < FMIN) {
            kLo++;
        }
        if (kLo > bins - 2 || kLo * (double) sampleRate / nFft >= fmax) {
            return 0.0; // no bin in piptrack's range
        }
        int kHi = kLo;
        while (kHi + 1 <= bins - 2 && (kHi + 1) * (double) sampleRate / nFft < fmax) {
            kHi++;
        }
        float[] max = new float[frames];
        for (float[] row : powerByBin) {
            for (int t = 0; t < frames; t++) {
                max[t] = Math.max(max[t], row[t]);
            }
        }
        float[] ref = new float[frames];
        for (int t = 0; t < frames; t++) {
            ref[t] = (float) (THRESHOLD * max[t]);
        }
        float[] pitches = new float[frames * 8 + 16];
        float[] mags = new float[pitches.length];
        int count = 0;
        for (int k = kLo; k <= kHi; k++) {
            float[] below = powerByBin[k - 1];
            float[] here = powerByBin[k];
            float[] above = powerByBin[k + 1];
            for (int t = 0; t < frames; t++) {
                float s = here[t];
                float r = ref[t];
                if (!(s > r)) {
                    continue;
                }
                // librosa.util.localmax on the thresholded spectrum: strictly above the left, not below the right
                float left = below[t] > r ? below[t] : 0f;
                float right = above[t] > r ? above[t] : 0f;
                if (!(s > left && s >= right)) {
                    continue;
                }
                float avg = 0.5f * (above[t] - below[t]);
                float curv = 2f * s - above[t] - below[t];
                float shift = avg / (curv + (Math.abs(curv) < TINY ? 1f : 0f));
                float dskew = 0.5f * avg * shift;
                if (count == pitches.length) {
                    pitches = Arrays.copyOf(pitches, count * 2);
                    mags = Arrays.copyOf(mags, count * 2);
                }
                pitches[count] = (float) ((k + shift) * (double) sampleRate / nFft);
                mags[count] = s + dskew;
                count++;
            }
        }
        int positive = 0;
        float[] positiveMags = new float[count];
        for (int i = 0; i < count; i++) {
            if (pitches[i] > 0) {
                positiveMags[positive++] = mags[i];
            }
        }
        if (positive == 0) {
            return 0.0;
        }
        double threshold = median(Arrays.copyOf(positiveMags, positive));
        int[] histogram = new int[(int) Math.ceil(1.0 / RESOLUTION)];
        for (int i = 0; i < count; i++) {
            if (pitches[i] > 0 && mags[i] >= threshold) {
                histogram[histogramBin(residual(pitches[i]), histogram.length)]++;
            }
        }
        int best = 0;
        for (int b = 1; b < histogram.length; b++) {
            if (histogram[b] > histogram[best]) {
                best = b;
            }
        }
        return edge(best, histogram.length);
    }

    /** Deviation of {@code hz} from the nearest equal-tempered pitch (A440), in {@code [-0.5, 0.5)} semitones. */
    static double residual(double hz) {
        double octs = Math.log(hz / (440.0 / 16)) / Math.log(2.0);
        double r = BINS_PER_OCTAVE * octs;
        r = r - Math.floor(r);
        return r >= 0.5 ? r - 1.0 : r;
    }

    private static double edge(int i, int nBins) {
        return -0.5 + i * (1.0 / nBins); // numpy.linspace(-0.5, 0.5, nBins + 1)[i]
    }

    /** numpy.histogram's bin: edge[i] <= x < edge[i+1], the last bin closed. */
    private static int histogramBin(double x, int nBins) {
        int i = (int) Math.floor((x + 0.5) * nBins);
        i = Math.max(0, Math.min(nBins - 1, i));
        if (x < edge(i, nBins) && i > 0) {
            i--;
        } else if (i < nBins - 1 && x >= edge(i + 1, nBins)) {
            i++;
        }
        return i;
    }

    private static double median(float[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : 0.5 * ((double) values[n / 2 - 1] + values[n / 2]);
    }
}
