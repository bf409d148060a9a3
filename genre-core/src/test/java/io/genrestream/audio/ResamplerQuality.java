package io.genrestream.audio;

/** Error of {@link AudioResampler} on a logarithmic sweep, against the sweep generated at the target rate. */
public final class ResamplerQuality {

    private static final double SWEEP_SECONDS = 5.0;

    /** Logarithmic sweep 50 Hz to 10 kHz, amplitude 0.5, sampled at {@code sr}. */
    public static float[] logSweep(int sr) {
        int n = (int) (sr * SWEEP_SECONDS);
        float[] y = new float[n];
        double f0 = 50;
        double k = Math.log(10000 / f0) / SWEEP_SECONDS;
        for (int i = 0; i < n; i++) {
            double t = i / (double) sr;
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * f0 * (Math.exp(k * t) - 1) / k));
        }
        return y;
    }

    /** RMS error of {@code out} against {@code ref} relative to the RMS of {@code ref}, in dB, 0.1 s from the edges. */
    public static double errorDb(float[] out, float[] ref, int sr) {
        int edge = sr / 10;
        double e = 0;
        double s = 0;
        for (int i = edge; i < ref.length - edge; i++) {
            double d = out[i] - ref[i];
            e += d * d;
            s += ref[i] * (double) ref[i];
        }
        return 10 * Math.log10(e / s);
    }

    /** dB error of resampling the sweep from {@code from} to {@code to} Hz. */
    public static double sweepErrorDb(int from, int to) {
        return errorDb(AudioResampler.resample(logSweep(from), from, to), logSweep(to), to);
    }

    /**
     * The same figure for TarsosDSP's libresample port (high-quality filter), the alternative we measured and
     * rejected.
     */
    public static double tarsosSweepErrorDb(int from, int to) {
        float[] in = logSweep(from);
        double factor = to / (double) from;
        be.tarsos.dsp.resample.Resampler r = new be.tarsos.dsp.resample.Resampler(true, factor, factor);
        float[] out = new float[(int) Math.ceil(in.length * factor) + 64];
        int consumed = 0;
        int produced = 0;
        while (true) {
            be.tarsos.dsp.resample.Resampler.Result res = r.process(factor, in, consumed, in.length - consumed, true,
                    out, produced, out.length - produced);
            consumed += res.inputSamplesConsumed;
            produced += res.outputSamplesGenerated;
            if (res.inputSamplesConsumed == 0 && res.outputSamplesGenerated == 0) {
                break;
            }
        }
        return errorDb(out, logSweep(to), to);
    }

    private ResamplerQuality() {
    }
}
