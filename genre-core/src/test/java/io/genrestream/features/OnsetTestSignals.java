package io.genrestream.features;

import java.util.List;
import java.util.Random;

/** Synthetic test signals with known rhythm and tonality for the HPSS, onset and tempo tests. */
final class OnsetTestSignals {

    static final int SR = 22050;

    private OnsetTestSignals() {
    }

    /** librosa's defaults with the given centre padding. */
    static FeatureConfig config(String centerPadding) {
        return new FeatureConfig(SR, 2048, 512, 128, 20, 80.0, 3.0, centerPadding, List.of("rms"));
    }

    /**
     * Clicks every {@code periodSamples} samples, the first at {@code firstClick}: 5 ms bursts of seeded white
     * noise with an exponential decay, peak 0.5; broadband so every mel band sees the onset.
     */
    static float[] clicks(double periodSamples, int firstClick, int length, long seed) {
        float[] y = new float[length];
        Random random = new Random(seed);
        int burst = SR / 200;
        for (double start = firstClick; start < length; start += periodSamples) {
            int s = (int) Math.round(start);
            for (int i = 0; i < burst && s + i < length; i++) {
                y[s + i] = (float) (0.5 * Math.exp(-i / (burst / 5.0)) * (2 * random.nextDouble() - 1));
            }
        }
        return y;
    }

    /** A click track at {@code bpm} beats per minute. */
    static float[] clickTrack(double bpm, double seconds, long seed) {
        return clicks(60.0 * SR / bpm, 1000, (int) Math.round(seconds * SR), seed);
    }

    /** A sine of {@code hz} Hz and amplitude {@code amplitude}. */
    static float[] sine(double hz, double amplitude, double seconds) {
        float[] y = new float[(int) Math.round(seconds * SR)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / SR));
        }
        return y;
    }

    /** Sum of squares. */
    static double energy(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return s;
    }

    /** Largest absolute difference between {@code a} and {@code b} (same length). */
    static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
