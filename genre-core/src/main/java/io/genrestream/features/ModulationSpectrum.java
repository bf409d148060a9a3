package io.genrestream.features;

import java.util.ArrayList;
import java.util.List;

/**
 * How fast the level of each part of the spectrum moves: the log-mel bands are averaged into {@link #GROUPS} groups of
 * equal width, each group's level (dB) over the frames is centred and Hann-windowed, and the mean magnitude of its
 * Fourier transform in octave ranges of modulation frequency (0.5–1, 1–2, 2–4, 4–8, 8–16 Hz) is kept as a natural log.
 * A fluctuation pattern in the sense of Pampalk's and Seyerlehner's genre features: beat and riff rates per register
 * (a kick every half second, hi-hats at 8 Hz, a sustained distorted guitar with little movement), which the table's
 * frame means and variances cannot tell apart. Computed per segment (3 s: 0.33 Hz resolution); the summary row holds
 * each value's mean over the window's segments. Pure: a log-mel matrix in, one row out.
 *
 * <p>Written here: no library on the class path computes modulation spectra. The transform is needed at only the 47
 * bins from 0.5 to 16 Hz of a 130-point series, so it is a direct DFT over those bins with cosine and sine tables built
 * once per frame count (about 45 µs a segment for all eight groups on the dev machine, against milliseconds for the
 * segment's other features).
 */
public final class ModulationSpectrum {

    /** Groups of adjacent log-mel bands. */
    public static final int GROUPS = 8;
    /** Edges of the modulation-frequency ranges in Hz. */
    static final double[] EDGES_HZ = {0.5, 1, 2, 4, 8, 16};
    /** Ranges per group. */
    public static final int RANGES = EDGES_HZ.length - 1;
    /** Every stream, group-major: {@code modulation1_1} (lowest bands, 0.5–1 Hz) to {@code modulation8_5}. */
    public static final List<String> STREAMS = streams();

    /** Added to a range's mean magnitude (dB per window sum) before the log: a flat band gets a finite value. */
    private static final double FLOOR = 1e-3;

    private final int frames;
    /** The Hann window divided by its sum, so series of other lengths compare. */
    private final double[] window;
    /** Per range, the DFT bins in it: cosine and sine tables {@code [bin][frame]}. */
    private final double[][][] cos;
    private final double[][][] sin;

    /**
     * The transform of series of {@code frames} frames at {@code frameRate} frames per second; a range no bin falls
     * into (a series too short) gives the floor's log.
     */
    public ModulationSpectrum(int frames, double frameRate) {
        if (frames < 1 || !(frameRate > 0)) {
            throw new IllegalArgumentException("modulation spectrum needs >= 1 frame and a positive frame rate, got "
                    + frames + " / " + frameRate);
        }
        this.frames = frames;
        window = new double[frames];
        double sum = 0;
        for (int t = 0; t < frames; t++) {
            // numpy.hanning: symmetric, zero at both ends
            window[t] = frames == 1 ? 1 : 0.5 - 0.5 * Math.cos(2 * Math.PI * t / (frames - 1));
            sum += window[t];
        }
        for (int t = 0; t < frames; t++) {
            window[t] /= sum;
        }
        cos = new double[RANGES][][];
        sin = new double[RANGES][][];
        for (int r = 0; r < RANGES; r++) {
            List<Integer> bins = new ArrayList<>();
            // rfft bin k has the frequency k * frameRate / frames
            for (int k = 0; k <= frames / 2; k++) {
                double f = k * frameRate / frames;
                if (f >= EDGES_HZ[r] && f < EDGES_HZ[r + 1]) {
                    bins.add(k);
                }
            }
            cos[r] = new double[bins.size()][frames];
            sin[r] = new double[bins.size()][frames];
            for (int i = 0; i < bins.size(); i++) {
                double w = -2 * Math.PI * bins.get(i) / frames;
                for (int t = 0; t < frames; t++) {
                    cos[r][i][t] = Math.cos(w * t);
                    sin[r][i][t] = Math.sin(w * t);
                }
            }
        }
    }

    /** Name of the stream of band group {@code g} and range {@code r} (0-based). */
    public static String stream(int g, int r) {
        return "modulation" + (g + 1) + "_" + (r + 1);
    }

    private static List<String> streams() {
        List<String> s = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            for (int r = 0; r < RANGES; r++) {
                s.add(stream(g, r));
            }
        }
        return List.copyOf(s);
    }

    /** Frames of the series this transform takes. */
    public int frames() {
        return frames;
    }

    /**
     * The {@link #STREAMS} values of a log-mel matrix {@code [frame][band]}.
     *
     * @throws IllegalArgumentException if the frames differ from {@link #frames()} or the bands do not divide into
     *                                  the groups
     */
    public float[] of(float[][] logMel) {
        int bands = logMel.length == 0 ? 0 : logMel[0].length;
        if (logMel.length != frames || bands == 0 || bands % GROUPS != 0) {
            throw new IllegalArgumentException("modulation spectrum of " + frames + " frames needs as many rows of a "
                    + "multiple of " + GROUPS + " mel bands, got " + logMel.length + " x " + bands);
        }
        int width = bands / GROUPS;
        float[] out = new float[GROUPS * RANGES];
        double[] level = new double[frames];
        for (int g = 0; g < GROUPS; g++) {
            double mean = 0;
            for (int t = 0; t < frames; t++) {
                double s = 0;
                for (int b = g * width; b < (g + 1) * width; b++) {
                    s += logMel[t][b];
                }
                level[t] = s / width;
                mean += level[t];
            }
            mean /= frames;
            for (int t = 0; t < frames; t++) {
                level[t] = (level[t] - mean) * window[t];
            }
            for (int r = 0; r < RANGES; r++) {
                double sum = 0;
                for (int i = 0; i < cos[r].length; i++) {
                    double re = 0;
                    double im = 0;
                    for (int t = 0; t < frames; t++) {
                        re += level[t] * cos[r][i][t];
                        im += level[t] * sin[r][i][t];
                    }
                    sum += Math.hypot(re, im);
                }
                double magnitude = cos[r].length == 0 ? 0 : sum / cos[r].length;
                out[g * RANGES + r] = (float) Math.log(magnitude + FLOOR);
            }
        }
        return out;
    }
}
