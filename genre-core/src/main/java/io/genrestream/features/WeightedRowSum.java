package io.genrestream.features;

/**
 * The inner kernel of the filter banks over a spectrogram laid out {@code [bin][frame]}: adds weighted bin rows to
 * an accumulator row, vectorised over frames by the JIT. No library offers this layout-specific loop.
 */
final class WeightedRowSum {

    private WeightedRowSum() {
    }

    /**
     * {@code acc[t] += weightOf[e] * rows[rowOf[e]][t]} for every entry {@code e} in {@code [from, to)}, four rows per
     * pass over the accumulator (a quarter of its loads and stores).
     */
    static void addTo(float[] acc, float[][] rows, int[] rowOf, float[] weightOf, int from, int to) {
        int frames = acc.length;
        int e = from;
        for (; e + 4 <= to; e += 4) {
            float w0 = weightOf[e];
            float w1 = weightOf[e + 1];
            float w2 = weightOf[e + 2];
            float w3 = weightOf[e + 3];
            float[] p0 = rows[rowOf[e]];
            float[] p1 = rows[rowOf[e + 1]];
            float[] p2 = rows[rowOf[e + 2]];
            float[] p3 = rows[rowOf[e + 3]];
            for (int t = 0; t < frames; t++) {
                acc[t] += w0 * p0[t] + w1 * p1[t] + w2 * p2[t] + w3 * p3[t];
            }
        }
        for (; e < to; e++) {
            float w = weightOf[e];
            float[] p = rows[rowOf[e]];
            for (int t = 0; t < frames; t++) {
                acc[t] += w * p[t];
            }
        }
    }
}
