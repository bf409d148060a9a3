package io.genrestream.features;

/**
 * The chroma filter bank of {@code librosa.filters.chroma(sr, n_fft, n_chroma=12, tuning, ctroct=5, octwidth=2,
 * norm=2, base_c=True)}: per FFT bin, Gaussian bumps around its pitch class (unit L2 norm per bin), weighted by a
 * Gaussian dominance window centred 5 octaves above A0, rows rotated to start at C.
 *
 * <p>Immutable and thread-safe.
 */
public final class ChromaFilterBank {

    /** Pitch classes. */
    public static final int N_CHROMA = 12;
    private static final double CENTER_OCTAVE = 5.0;
    private static final double OCTAVE_WIDTH = 2.0;

    /**
     * Weights below this fraction of their bin's largest weight are left out of {@link #applyByBin}: far from a
     * pitch class the Gaussians fall to 1e-30 and less, and skipping them changes a chroma frame (scaled to max 1)
     * by at most about {@code 12 * 12 * NEGLIGIBLE}, far below float resolution, while saving about half the work.
     */
    static final double NEGLIGIBLE = 1e-9;

    private final float[][] weights;
    // the weights above NEGLIGIBLE by pitch class, bins ascending: entries chromaStart[c] .. chromaStart[c + 1] - 1
    // of binOf / weightOf
    private final int[] chromaStart;
    private final int[] binOf;
    private final float[] weightOf;

    private ChromaFilterBank(float[][] weights) {
        this.weights = weights;
        int bins = weights[0].length;
        float[] binMax = new float[bins];
        for (int k = 0; k < bins; k++) {
            for (float[] row : weights) {
                binMax[k] = Math.max(binMax[k], Math.abs(row[k]));
            }
        }
        this.chromaStart = new int[N_CHROMA + 1];
        int[] binIndex = new int[N_CHROMA * bins];
        float[] ws = new float[N_CHROMA * bins];
        int n = 0;
        for (int c = 0; c < N_CHROMA; c++) {
            for (int k = 0; k < bins; k++) {
                if (Math.abs(weights[c][k]) > NEGLIGIBLE * binMax[k]) {
                    binIndex[n] = k;
                    ws[n] = weights[c][k];
                    n++;
                }
            }
            chromaStart[c + 1] = n;
        }
        this.binOf = java.util.Arrays.copyOf(binIndex, n);
        this.weightOf = java.util.Arrays.copyOf(ws, n);
    }

    /** The bank for a tuning offset in fractions of a chroma bin ({@code -0.5 <= tuning < 0.5}). */
    public static ChromaFilterBank create(int sampleRate, int nFft, double tuning) {
        int bins = nFft / 2 + 1;
        double a440 = 440.0 * Math.pow(2.0, tuning / N_CHROMA);
        double[] frqbins = new double[nFft];
        for (int k = 1; k < nFft; k++) {
            double f = k * (double) sampleRate / nFft;
            frqbins[k] = N_CHROMA * log2(f / (a440 / 16.0));
        }
        frqbins[0] = frqbins[1] - 1.5 * N_CHROMA;
        double[] binWidth = new double[nFft];
        for (int k = 0; k < nFft - 1; k++) {
            binWidth[k] = Math.max(frqbins[k + 1] - frqbins[k], 1.0);
        }
        binWidth[nFft - 1] = 1.0;
        double half = Math.round(N_CHROMA / 2.0);
        double[][] wts = new double[N_CHROMA][bins];
        for (int k = 0; k < bins; k++) {
            double norm = 0;
            for (int c = 0; c < N_CHROMA; c++) {
                double d = frqbins[k] - c;
                d = floorMod(d + half + 10 * N_CHROMA, N_CHROMA) - half;
                double v = Math.exp(-0.5 * Math.pow(2 * d / binWidth[k], 2));
                wts[c][k] = v;
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            double dominance = Math.exp(-0.5 * Math.pow((frqbins[k] / N_CHROMA - CENTER_OCTAVE) / OCTAVE_WIDTH, 2));
            for (int c = 0; c < N_CHROMA; c++) {
                wts[c][k] = (norm > 0 ? wts[c][k] / norm : wts[c][k]) * dominance;
            }
        }
        // base_c: roll rows by -3 so that row 0 is C instead of A
        float[][] out = new float[N_CHROMA][bins];
        for (int c = 0; c < N_CHROMA; c++) {
            double[] src = wts[(c + 3) % N_CHROMA];
            for (int k = 0; k < bins; k++) {
                out[c][k] = (float) src[k];
            }
        }
        return new ChromaFilterBank(out);
    }

    private static double floorMod(double x, double m) {
        double r = x % m;
        return r < 0 ? r + m : r;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2.0);
    }

    /** Weight of FFT bin {@code bin} in pitch class {@code chroma} (0 = C). */
    public float weight(int chroma, int bin) {
        return weights[chroma][bin];
    }

    /** Raw (unnormalised) chroma of one power-spectrum frame into {@code out} (12 values). */
    public void apply(float[] powerFrame, float[] out) {
        for (int c = 0; c < N_CHROMA; c++) {
            float[] w = weights[c];
            float acc = 0f;
            for (int k = 0; k < w.length; k++) {
                acc += w[k] * powerFrame[k];
            }
            out[c] = acc;
        }
    }

    /**
     * Raw chroma of a whole power spectrogram ({@code [frame][bin]}), layout {@code [frame][pitch class]}. Same
     * numbers as {@link #apply} per frame up to float rounding, computed bin by bin over all frames at once (see
     * {@link #applyByBin}).
     */
    public float[][] applyAll(float[][] power) {
        if (power.length == 0) {
            return new float[0][N_CHROMA];
        }
        return Stft.transpose(applyByBin(Stft.transpose(power)));
    }

    /**
     * Raw chroma of a power spectrogram laid out {@code [bin][frame]}, layout {@code [pitch class][frame]}: the inner
     * loop runs over contiguous frames, which the JIT vectorises (about 5x faster than frame by frame). Weights
     * below {@link #NEGLIGIBLE} of their bin's largest are skipped. Agrees with {@link #apply} to float rounding.
     */
    float[][] applyByBin(float[][] powerByBin) {
        int frames = powerByBin[0].length;
        float[][] byChroma = new float[N_CHROMA][frames];
        for (int c = 0; c < N_CHROMA; c++) {
            WeightedRowSum.addTo(byChroma[c], powerByBin, binOf, weightOf, chromaStart[c], chromaStart[c + 1]);
        }
        return byChroma;
    }
}
