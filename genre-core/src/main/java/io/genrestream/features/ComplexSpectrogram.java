package io.genrestream.features;

/**
 * A complex short-time Fourier transform, layout {@code [frame][bin]} with {@code bins = nFft / 2 + 1}
 * (librosa's {@code stft} transposed: librosa stores {@code [bin][frame]}).
 *
 * <p>Immutable: accessors return copies, so one spectrogram may be read by many threads.
 */
public final class ComplexSpectrogram {

    private final float[][] re;
    private final float[][] im;

    ComplexSpectrogram(float[][] re, float[][] im) {
        this.re = re;
        this.im = im;
    }

    /** Number of frames (librosa: {@code 1 + len / hop} for centred frames). */
    public int frames() {
        return re.length;
    }

    /** Number of frequency bins, {@code nFft / 2 + 1}. */
    public int bins() {
        return re.length == 0 ? 0 : re[0].length;
    }

    /** Real parts, not copied: for this package's transforms, which only read them. */
    float[][] reView() {
        return re;
    }

    /** Imaginary parts, not copied: for this package's transforms, which only read them. */
    float[][] imView() {
        return im;
    }

    /** Real parts of one frame, a copy. */
    public float[] re(int frame) {
        return re[frame].clone();
    }

    /** Imaginary parts of one frame, a copy. */
    public float[] im(int frame) {
        return im[frame].clone();
    }

    /** {@code |X|^2}, layout {@code [frame][bin]}. */
    public float[][] power() {
        float[][] out = new float[frames()][bins()];
        for (int t = 0; t < out.length; t++) {
            float[] r = re[t];
            float[] i = im[t];
            float[] o = out[t];
            for (int k = 0; k < o.length; k++) {
                o[k] = r[k] * r[k] + i[k] * i[k];
            }
        }
        return out;
    }

    /** {@code |X|}, layout {@code [frame][bin]}. */
    public float[][] magnitude() {
        float[][] out = power();
        for (float[] row : out) {
            for (int k = 0; k < row.length; k++) {
                row[k] = (float) Math.sqrt(row[k]);
            }
        }
        return out;
    }
}
