package io.genrestream.producer.source;

import io.genrestream.audio.PcmFormat;
import java.util.SplittableRandom;

/**
 * Endless, reproducible test audio: a sum of sine tones plus white noise, mono 16-bit. Every
 * {@code noteSeconds} the tones jump to new random pitches (with continuous phase, so there are no clicks), which
 * gives the spectrum the changes music has. The same seed always yields the same samples.
 */
public final class ToneNoiseGenerator implements PcmSupplier {

    /** Tones sounding at once. */
    public static final int TONES = 3;
    /** Lowest and highest tone frequency, in Hz. */
    public static final double MIN_HZ = 110.0;
    /** Highest tone frequency, in Hz. */
    public static final double MAX_HZ = 1760.0;
    /** Standard deviation of the noise relative to full scale. */
    public static final double NOISE_LEVEL = 0.02;
    /** Peak level of the tone sum relative to full scale, leaving headroom for the noise. */
    public static final double TONE_LEVEL = 0.6;

    private final PcmFormat format;
    private final SplittableRandom random;
    private final long samplesPerNote;
    private final double[] frequencies = new double[TONES];
    private final double[] amplitudes = new double[TONES];
    private final double[] phases = new double[TONES];
    private long sampleIndex;

    /**
     * @param sampleRate  mono sample rate, in Hz
     * @param noteSeconds how long one set of pitches lasts
     * @param seed        seed of pitches, loudness and noise
     */
    public ToneNoiseGenerator(int sampleRate, double noteSeconds, long seed) {
        this.format = new PcmFormat(sampleRate, 1);
        this.random = new SplittableRandom(seed);
        this.samplesPerNote = Math.max(1, Math.round(noteSeconds * sampleRate));
        newNote();
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public String description() {
        return "generated: " + TONES + " tones + noise";
    }

    @Override
    public void fill(byte[] pcm) {
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            if (sampleIndex > 0 && sampleIndex % samplesPerNote == 0) {
                newNote();
            }
            double value = 0;
            for (int t = 0; t < TONES; t++) {
                value += amplitudes[t] * Math.sin(phases[t]);
                phases[t] += 2 * Math.PI * frequencies[t] / format.sampleRate();
                if (phases[t] > 2 * Math.PI) {
                    phases[t] -= 2 * Math.PI;
                }
            }
            value = value * TONE_LEVEL + gaussian() * NOISE_LEVEL;
            short sample = (short) Math.round(Math.max(-1.0, Math.min(1.0, value)) * Short.MAX_VALUE);
            pcm[i] = (byte) sample;
            pcm[i + 1] = (byte) (sample >> 8);
            sampleIndex++;
        }
    }

    private void newNote() {
        double total = 0;
        for (int t = 0; t < TONES; t++) {
            // Log-uniform pitch: every octave is equally likely, as in music.
            frequencies[t] = MIN_HZ * Math.pow(MAX_HZ / MIN_HZ, random.nextDouble());
            amplitudes[t] = 0.2 + random.nextDouble();
            total += amplitudes[t];
        }
        for (int t = 0; t < TONES; t++) {
            amplitudes[t] /= total;
        }
    }

    /** Standard normal sample (Box-Muller). */
    private double gaussian() {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
