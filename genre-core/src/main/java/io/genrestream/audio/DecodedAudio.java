package io.genrestream.audio;

/**
 * Decoded audio, downmixed to mono.
 *
 * @param samples        mono samples in {@code [-1, 1)}
 * @param sampleRate     samples per second
 * @param sourceChannels channel count of the source before the downmix
 */
public record DecodedAudio(float[] samples, int sampleRate, int sourceChannels) {

    /**
     * The mono samples at {@code rate} Hz ({@link AudioResampler}); a copy when the rate is already {@code rate}.
     * {@code read(file).resampledTo(22050)} is {@code librosa.load(file)}.
     */
    public float[] resampledTo(int rate) {
        return AudioResampler.resample(samples, sampleRate, rate);
    }

    /** Duration in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
