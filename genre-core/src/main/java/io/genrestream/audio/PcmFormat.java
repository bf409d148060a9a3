package io.genrestream.audio;

import java.time.Duration;

/**
 * Layout of the signed 16-bit little-endian interleaved PCM the producer sends (the {@code PCM_S16LE} sample
 * format of {@code AudioChunk}): sample rate and channel count.
 *
 * @param sampleRate samples per second per channel, in Hz
 * @param channels   interleaved channels (1 = mono, 2 = stereo)
 */
public record PcmFormat(int sampleRate, int channels) {

    /** Bytes of one sample of one channel (16-bit PCM). */
    public static final int BYTES_PER_SAMPLE = 2;

    /** Validates the values. */
    public PcmFormat {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channel count must be positive, got " + channels);
        }
    }

    /** Bytes of one frame: one sample for every channel. */
    public int frameBytes() {
        return channels * BYTES_PER_SAMPLE;
    }

    /** Bytes of one second of audio. */
    public long bytesPerSecond() {
        return (long) sampleRate * frameBytes();
    }

    /** Whole frames closest to {@code duration} (at least one), in bytes. */
    public int bytesFor(Duration duration) {
        long frames = Math.max(1, Math.round(duration.toNanos() * (double) sampleRate / 1e9));
        long bytes = frames * frameBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("duration " + duration + " is too long for one buffer");
        }
        return (int) bytes;
    }

    /** Play time of {@code bytes} bytes of audio. */
    public Duration durationOf(long bytes) {
        return Duration.ofNanos(Math.round(bytes * 1e9 / bytesPerSecond()));
    }

    @Override
    public String toString() {
        return sampleRate + " Hz, " + channels + (channels == 1 ? " channel" : " channels") + ", s16le";
    }
}
