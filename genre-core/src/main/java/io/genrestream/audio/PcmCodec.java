package io.genrestream.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Raw PCM bytes to float samples and back, scaled as librosa (soundfile) scales them: a 16-bit sample {@code s}
 * becomes {@code s / 32768}, so values lie in {@code [-1, 1)}.
 */
public final class PcmCodec {

    /** Scale of a 16-bit sample: {@code 2^15}. */
    public static final float INT16_SCALE = 32768f;

    private PcmCodec() {
    }

    /** 16-bit signed little-endian PCM to floats in {@code [-1, 1)}. */
    public static float[] decodeS16le(byte[] bytes) {
        return decodeS16(bytes, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * 16-bit signed PCM in the given byte order to floats in {@code [-1, 1)}.
     *
     * @throws AudioFormatException if the byte count is odd
     */
    public static float[] decodeS16(byte[] bytes, ByteOrder order) {
        if (bytes.length % 2 != 0) {
            throw new AudioFormatException("16-bit PCM needs an even byte count, got " + bytes.length + " bytes");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
        float[] out = new float[bytes.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = buf.getShort() / INT16_SCALE;
        }
        return out;
    }

    /**
     * Floats to 16-bit signed little-endian PCM: {@code round(x * 32768)}, clipped to {@code [-32768, 32767]}.
     *
     * @throws AudioFormatException if a sample is NaN or infinite
     */
    public static byte[] encodeS16le(float[] samples) {
        ByteBuffer buf = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples.length; i++) {
            float x = samples[i];
            if (!Float.isFinite(x)) {
                throw new AudioFormatException("cannot encode non-finite sample " + x + " at index " + i);
            }
            long s = Math.round(x * (double) INT16_SCALE);
            buf.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s)));
        }
        return buf.array();
    }

    /**
     * 32-bit IEEE float little-endian PCM to floats.
     *
     * @throws AudioFormatException if the byte count is not a multiple of 4
     */
    public static float[] decodeF32le(byte[] bytes) {
        if (bytes.length % 4 != 0) {
            throw new AudioFormatException("32-bit float PCM needs a byte count divisible by 4, got " + bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.length / 4];
        buf.asFloatBuffer().get(out);
        return out;
    }

    /**
     * Clips {@code samples} in place to full scale [-1, 1] and returns how many lay beyond it. Float PCM may overshoot
     * full scale (real mixes do, slightly); a player clips it the same way, and a bounded signal keeps every feature
     * finite (a sample near Float.MAX_VALUE overflows the spectrum's power to infinity).
     */
    public static int clipToFullScale(float[] samples) {
        int clipped = 0;
        for (int i = 0; i < samples.length; i++) {
            if (samples[i] > 1f) {
                samples[i] = 1f;
                clipped++;
            } else if (samples[i] < -1f) {
                samples[i] = -1f;
                clipped++;
            }
        }
        return clipped;
    }

    /** Floats to 32-bit IEEE float little-endian PCM. */
    public static byte[] encodeF32le(float[] samples) {
        ByteBuffer buf = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(samples);
        return buf.array();
    }

    /**
     * Interleaved multi-channel samples to mono, the mean of the channels (as {@code librosa.to_mono}).
     *
     * @throws AudioFormatException if the sample count is not a multiple of {@code channels}
     */
    public static float[] downmix(float[] interleaved, int channels) {
        if (channels < 1) {
            throw new AudioFormatException("channel count must be positive, got " + channels);
        }
        if (channels == 1) {
            return interleaved.clone();
        }
        if (interleaved.length % channels != 0) {
            throw new AudioFormatException(interleaved.length + " interleaved samples do not split into "
                    + channels + " channels");
        }
        float[] mono = new float[interleaved.length / channels];
        for (int i = 0; i < mono.length; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[i * channels + c];
            }
            mono[i] = (float) (sum / channels);
        }
        return mono;
    }
}
