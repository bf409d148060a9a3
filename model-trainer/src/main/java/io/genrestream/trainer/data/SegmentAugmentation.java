package io.genrestream.trainer.data;

import java.util.Random;

/**
 * Waveform augmentation of one training segment: a small random time shift of the crop (the segment is cut from the
 * track a little earlier or later), a random gain, and additive white noise at a fixed signal-to-noise ratio. A pure
 * function of the track's samples and the given {@link Random}.
 *
 * @param snrDb           signal-to-noise ratio of the added noise in dB ({@code Double.POSITIVE_INFINITY}: no noise)
 * @param maxGainDb       gain drawn uniformly from ±this many dB (0: none)
 * @param maxShiftSeconds crop start moved by up to ±this many seconds, kept inside the track (0: none)
 */
public record SegmentAugmentation(double snrDb, double maxGainDb, double maxShiftSeconds) {

    public SegmentAugmentation {
        if (Double.isNaN(snrDb) || !(maxGainDb >= 0) || !(maxShiftSeconds >= 0) || Double.isInfinite(maxGainDb)
                || Double.isInfinite(maxShiftSeconds)) {
            throw new IllegalArgumentException("augmentation needs an SNR (dB) and non-negative, finite gain and"
                    + " shift, got " + snrDb + "/" + maxGainDb + "/" + maxShiftSeconds);
        }
    }

    /**
     * The augmented crop of {@code length} samples that would start at {@code start} in {@code track}.
     *
     * @param sampleRate samples per second of {@code track}
     */
    public float[] crop(float[] track, int start, int length, int sampleRate, Random random) {
        if (length > track.length) {
            throw new IllegalArgumentException("a crop of " + length + " samples does not fit a track of "
                    + track.length);
        }
        int maxShift = (int) Math.round(maxShiftSeconds * sampleRate);
        int shift = maxShift == 0 ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
        int from = Math.max(0, Math.min(track.length - length, start + shift));
        float gain = (float) Math.pow(10, (maxGainDb == 0 ? 0 : (2 * random.nextDouble() - 1) * maxGainDb) / 20);
        float[] out = new float[length];
        double power = 0;
        for (int i = 0; i < length; i++) {
            out[i] = gain * track[from + i];
            power += (double) out[i] * out[i];
        }
        power /= length;
        if (power > 0 && !Double.isInfinite(snrDb)) {
            double noiseStd = Math.sqrt(power / Math.pow(10, snrDb / 10));
            for (int i = 0; i < length; i++) {
                out[i] += (float) (noiseStd * random.nextGaussian());
            }
        }
        return out;
    }
}
