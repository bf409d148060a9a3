package io.genrestream.features;

/**
 * Running median over a sliding window of odd size with {@code scipy.ndimage.median_filter(..., mode='reflect')}
 * semantics: the window is centred on each sample and the signal is extended by half-sample symmetric reflection
 * ({@code d c b a | a b c d | d c b a}, the edge sample repeated). librosa's HPSS filters the magnitude spectrogram
 * with it along time and along frequency. The result is the exact order statistic scipy returns (element
 * {@code size / 2} of the sorted window, no averaging).
 *
 * <p>Input must be non-negative (magnitudes; +infinity allowed): the bits of a non-negative float order like the
 * float itself, so the filter works on {@code int} keys, and {@code -0.0} is read as {@code 0.0}. Negative or NaN
 * input is rejected.
 *
 * <p>Written here because neither TarsosDSP nor commons-math offer a sliding median. Many lines are filtered side by
 * side, each line one lane: every lane keeps its window sorted, and each step removes the outgoing key and inserts the
 * incoming one by a fixed sequence of subtractions, masks and shifts over all lanes (no data-dependent branch or
 * search), which HotSpot's C2 compiles to SIMD code. O(size) per sample, but 16 lanes per AVX-512 instruction: the
 * two filters of a 3 s segment's HPSS take about 3 ms, against 11 ms with a binary-searched sorted window per line
 * (docs/benchmarks.md B). The lanes are the matrix's columns; a matrix with fewer columns than {@link #LANES} is
 * also cut along its rows into stripes, each filtered as lanes of their own (C2's vector loops need a few hundred
 * lanes to pay off).
 *
 * <p>Stateless and thread-safe: the static methods allocate their own work buffers.
 */
public final class MedianFilter {

    /** Lanes filtered together: enough for C2's unrolled vector loops, few enough for the windows to stay cached. */
    static final int LANES = 512;

    private MedianFilter() {
    }

    /**
     * The median-filtered copy of {@code x}.
     *
     * @param x    input, not modified, non-negative
     * @param size window length, odd and positive
     * @throws IllegalArgumentException if {@code size} is not odd and positive, {@code x} is empty, or a value is
     *                                  negative or NaN
     */
    public static float[] reflect(float[] x, int size) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("median filter input is empty");
        }
        float[][] column = new float[x.length][1];
        for (int i = 0; i < x.length; i++) {
            column[i][0] = x[i];
        }
        float[][] filtered = alongColumns(column, size);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = filtered[i][0];
        }
        return out;
    }

    /**
     * Filters every column of {@code m} (layout {@code [row][column]}) along its rows, into a new matrix. HPSS uses
     * it on {@code [frame][bin]} to filter along time and on {@code [bin][frame]} to filter along frequency.
     *
     * @throws IllegalArgumentException if {@code size} is not odd and positive, the rows differ in length, or a value
     *                                  is negative or NaN
     */
    public static float[][] alongColumns(float[][] m, int size) {
        if (size <= 0 || size % 2 == 0) {
            throw new IllegalArgumentException("median filter size must be odd and positive, was " + size);
        }
        int rows = m.length;
        int cols = rows == 0 ? 0 : m[0].length;
        float[][] out = new float[rows][cols];
        if (rows == 0 || cols == 0) {
            return out;
        }
        int[][] keys = keys(m);
        // columns in blocks of at most LANES; fewer columns are repeated over stripes of rows up to about LANES lanes
        int blocks = (cols + LANES - 1) / LANES;
        int width = (cols + blocks - 1) / blocks;
        int stripes = Math.min(rows, Math.max(1, LANES / cols));
        Block block = new Block(size, width, stripes, (rows + stripes - 1) / stripes);
        for (int from = 0; from < cols; from += width) {
            block.filter(keys, from, Math.min(width, cols - from), out);
        }
        return out;
    }

    /** The sort keys of {@code m}: the bits of each value, {@code -0.0} as {@code 0.0}. */
    private static int[][] keys(float[][] m) {
        int[][] keys = new int[m.length][];
        for (int r = 0; r < m.length; r++) {
            float[] row = m[r];
            if (row.length != m[0].length) {
                throw new IllegalArgumentException("median filter input rows differ in length: row 0 has "
                        + m[0].length + " values, row " + r + " has " + row.length);
            }
            int[] k = new int[row.length];
            boolean bad = false;
            for (int c = 0; c < row.length; c++) {
                bad |= !(row[c] >= 0);
                k[c] = Float.floatToRawIntBits(row[c] + 0f);
            }
            if (bad) {
                throw new IllegalArgumentException("median filter input must be non-negative and not NaN (row " + r
                        + ")");
            }
            keys[r] = k;
        }
        return keys;
    }

    /** scipy's 'reflect' extension: index -1 maps to 0, index n to n - 1, repeating with period 2n. */
    static int reflectIndex(int index, int n) {
        int m = Math.floorMod(index, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }

    /**
     * The sorted windows of a block of lanes, {@code window[j][lane]}, reused across the column blocks of a matrix.
     * Lane {@code s * columns + c} filters column c over the rows of stripe s, {@code [s * rowsPerStripe, (s + 1) *
     * rowsPerStripe)}.
     */
    private static final class Block {
        final int size;
        final int half;
        final int stripes;
        final int rowsPerStripe;
        final int[][] window;
        // this step's key of every lane, copied out of the key rows: indexed from 0 like the windows, a loop over
        // lanes vectorises (C2 does not vectorise it when one array is read at an offset)
        final int[] key;

        Block(int size, int columns, int stripes, int rowsPerStripe) {
            this.size = size;
            this.half = size / 2;
            this.stripes = stripes;
            this.rowsPerStripe = rowsPerStripe;
            this.window = new int[size][columns * stripes];
            this.key = new int[columns * stripes];
        }

        /** Filters columns {@code [from, from + columns)} of {@code keys} into the same columns of {@code out}. */
        void filter(int[][] keys, int from, int columns, float[][] out) {
            int lanes = columns * stripes;
            // the first windows, sorted by inserting their keys one at a time
            for (int count = 0; count < size; count++) {
                gather(keys, count - half, from, columns);
                insert(count, lanes);
            }
            median(out, 0, from, columns);
            for (int i = 1; i < rowsPerStripe; i++) {
                gather(keys, i - 1 - half, from, columns);
                remove(lanes);
                gather(keys, i + half, from, columns);
                insert(size - 1, lanes);
                median(out, i, from, columns);
            }
        }

        /** Copies each stripe's key at {@code offset} rows from the stripe's start (reflected at the edges). */
        private void gather(int[][] keys, int offset, int from, int columns) {
            for (int s = 0; s < stripes; s++) {
                int row = reflectIndex(s * rowsPerStripe + offset, keys.length);
                System.arraycopy(keys[row], from, key, s * columns, columns);
            }
        }

        /**
         * Drops one occurrence of each lane's key from its full sorted window, leaving the first
         * {@code size - 1} rows sorted: row j keeps its key while it is below the outgoing one, else takes row
         * {@code j + 1}'s (keys are non-negative ints, so {@code (a - b) >> 31} is -1 exactly when a &lt; b).
         */
        private void remove(int lanes) {
            int[] key = this.key;
            for (int j = 0; j < size - 1; j++) {
                int[] w = window[j];
                int[] next = window[j + 1];
                for (int l = 0; l < lanes; l++) {
                    int a = w[l];
                    w[l] = a + ((next[l] - a) & ~((a - key[l]) >> 31));
                }
            }
        }

        /**
         * Inserts each lane's key into its sorted window of {@code count} keys: row j becomes
         * {@code max(row[j - 1], min(row[j], incoming))} (rows outside the window count as -inf and +inf), done
         * from the last row down so every row is read before it is overwritten.
         */
        private void insert(int count, int lanes) {
            int[] key = this.key;
            int[] last = window[count];
            if (count == 0) {
                System.arraycopy(key, 0, last, 0, lanes);
                return;
            }
            int[] below = window[count - 1];
            for (int l = 0; l < lanes; l++) {
                last[l] = max(below[l], key[l]);
            }
            for (int j = count - 1; j > 0; j--) {
                int[] w = window[j];
                int[] prev = window[j - 1];
                for (int l = 0; l < lanes; l++) {
                    w[l] = max(prev[l], min(w[l], key[l]));
                }
            }
            int[] first = window[0];
            for (int l = 0; l < lanes; l++) {
                first[l] = min(first[l], key[l]);
            }
        }

        // Math.min and Math.max on ints are not vectorised by Java 17's C2 (those on floats and plain int arithmetic
        // are: about 5x faster here); keys are non-negative, so a - b cannot overflow
        private static int min(int a, int b) {
            int d = a - b;
            return b + (d & (d >> 31));
        }

        private static int max(int a, int b) {
            int d = a - b;
            return b + (d & ~(d >> 31));
        }

        /** Writes each stripe's median at row {@code i} of the stripe, unless the stripe's rows end before it. */
        private void median(float[][] out, int i, int from, int columns) {
            int[] mid = window[half];
            for (int s = 0; s < stripes; s++) {
                int row = s * rowsPerStripe + i;
                if (row < out.length) {
                    float[] outRow = out[row];
                    for (int c = 0; c < columns; c++) {
                        outRow[from + c] = Float.intBitsToFloat(mid[s * columns + c]);
                    }
                }
            }
        }
    }
}
