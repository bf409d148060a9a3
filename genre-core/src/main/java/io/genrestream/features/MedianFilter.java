package io.genrestream.features;

import java.util.Arrays;

/**
 * Running median over a sliding window of odd size with {@code scipy.ndimage.median_filter(..., mode='reflect')}
 * semantics: the window is centred on each sample and the signal is extended by half-sample symmetric reflection
 * ({@code d c b a | a b c d | d c b a}, the edge sample repeated). librosa's HPSS filters the magnitude spectrogram
 * with it along time and along frequency.
 *
 * <p>Written here because neither TarsosDSP nor commons-math offer a sliding median; a sorted window updated by one
 * removal and one insertion per step costs O(size) per sample and gives the exact order statistic scipy returns
 * (element {@code size / 2} of the sorted window, no averaging). Input holding NaN is rejected (scipy's result
 * for it depends on the order of comparisons).
 *
 * <p>Stateless and thread-safe: the static methods allocate their own work buffers.
 */
public final class MedianFilter {

    private MedianFilter() {
    }

    /**
     * The median-filtered copy of {@code x}.
     *
     * @param x    input, not modified
     * @param size window length, odd and positive
     * @throws IllegalArgumentException if {@code size} is not odd and positive or {@code x} is empty
     */
    public static float[] reflect(float[] x, int size) {
        requireOddSize(size);
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("median filter input is empty");
        }
        requireNoNaN(x);
        float[] out = new float[x.length];
        Workspace ws = new Workspace(x.length, size);
        System.arraycopy(x, 0, ws.line, 0, x.length);
        ws.filterLine(x.length, out, 0, 1);
        return out;
    }

    /**
     * Filters every row of {@code m} (layout {@code [row][column]}) along its columns, in place of a new matrix.
     * Used with rows = frames to filter along frequency (librosa's percussive filter).
     */
    public static float[][] alongRows(float[][] m, int size) {
        requireOddSize(size);
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        float[][] out = new float[rows][cols];
        if (cols == 0) {
            return out;
        }
        Workspace ws = new Workspace(cols, size);
        for (int r = 0; r < rows; r++) {
            requireNoNaN(m[r]);
            System.arraycopy(m[r], 0, ws.line, 0, cols);
            ws.filterLine(cols, out[r], 0, 1);
        }
        return out;
    }

    /**
     * Filters every column of {@code m} (layout {@code [row][column]}) along its rows. Used with rows = frames to
     * filter along time (librosa's harmonic filter).
     */
    public static float[][] alongColumns(float[][] m, int size) {
        requireOddSize(size);
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        float[][] out = new float[rows][cols];
        if (rows == 0) {
            return out;
        }
        for (float[] row : m) {
            requireNoNaN(row);
        }
        Workspace ws = new Workspace(rows, size);
        float[] column = new float[rows];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                ws.line[r] = m[r][c];
            }
            ws.filterLine(rows, column, 0, 1);
            for (int r = 0; r < rows; r++) {
                out[r][c] = column[r];
            }
        }
        return out;
    }

    private static void requireOddSize(int size) {
        if (size <= 0 || size % 2 == 0) {
            throw new IllegalArgumentException("median filter size must be odd and positive, was " + size);
        }
    }

    private static void requireNoNaN(float[] x) {
        for (float v : x) {
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException("median filter input holds NaN");
            }
        }
    }

    /** scipy's 'reflect' extension: index -1 maps to 0, index n to n - 1, repeating with period 2n. */
    static int reflectIndex(int index, int n) {
        int m = Math.floorMod(index, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }

    /** Buffers for one line length and window size, reused across the lines of a matrix. */
    private static final class Workspace {
        final float[] line;
        final float[] padded;
        final float[] window;
        final int size;
        final int half;

        Workspace(int maxLength, int size) {
            this.size = size;
            this.half = size / 2;
            this.line = new float[maxLength];
            this.padded = new float[maxLength + size - 1];
            this.window = new float[Integer.highestOneBit(size) << 1];
            Arrays.fill(window, Float.POSITIVE_INFINITY);
        }

        /** Median-filters {@code line[0..n)} into {@code out[offset + i * stride]}. */
        void filterLine(int n, float[] out, int offset, int stride) {
            if (n > half) {
                System.arraycopy(line, 0, padded, half, n);
                for (int i = 0; i < half; i++) {
                    padded[i] = line[reflectIndex(i - half, n)];
                    padded[half + n + i] = line[reflectIndex(n + i, n)];
                }
            } else {
                for (int i = 0; i < n + size - 1; i++) {
                    padded[i] = line[reflectIndex(i - half, n)];
                }
            }
            System.arraycopy(padded, 0, window, 0, size);
            Arrays.sort(window, 0, size);
            out[offset] = window[half];
            for (int i = 1; i < n; i++) {
                replace(padded[i - 1], padded[i + size - 1]);
                out[offset + i * stride] = window[half];
            }
        }

        /**
         * Replaces one occurrence of {@code outgoing} in the sorted window by {@code incoming}: both positions are
         * found by a branch-free binary search (a binary search's branches mispredict on spectra, and counting all
         * {@code size} elements costs more), then the elements between them move by one. Plain float comparisons:
         * NaN is rejected up front.
         */
        private void replace(float outgoing, float incoming) {
            if (outgoing == incoming) {
                return;
            }
            float[] w = window;
            int from = smallerThan(outgoing);
            int to = smallerThan(incoming);
            if (incoming > outgoing) {
                // 'to' counted the outgoing element too: after removing it, incoming goes to 'to - 1'
                System.arraycopy(w, from + 1, w, from, to - 1 - from);
                w[to - 1] = incoming;
            } else {
                System.arraycopy(w, to, w, to + 1, from - to);
                w[to] = incoming;
            }
        }

        /**
         * How many window elements are smaller than {@code x}: the window is padded with +infinity to a power of two
         * larger than {@code size}, so halving steps find it with a conditional add each (no unpredictable branch).
         */
        private int smallerThan(float x) {
            float[] w = window;
            int i = 0;
            for (int step = window.length >> 1; step > 0; step >>= 1) {
                i += w[i + step - 1] < x ? step : 0;
            }
            return i;
        }
    }
}
