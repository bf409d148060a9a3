package io.genrestream.audio;

import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A whole track decoded to signed 16-bit little-endian interleaved PCM.
 *
 * @param format  rate and channels of {@code pcm}
 * @param pcm     the samples, whole frames only
 * @param decoder what decoded it, for logs and reports ({@code javax.sound} or {@code ffmpeg})
 */
public record DecodedPcm(PcmFormat format, byte[] pcm, String decoder) {

    /** Play time of the track. */
    public Duration duration() {
        return format.durationOf(pcm.length);
    }

    /** The samples as floats in {@code [-1, 1)} ({@code int16 / 32768}, as librosa scales them), channels averaged. */
    public DecodedAudio toMono() {
        float[] interleaved = PcmCodec.decodeS16(pcm, ByteOrder.LITTLE_ENDIAN);
        return new DecodedAudio(PcmCodec.downmix(interleaved, format.channels()), format.sampleRate(),
                format.channels());
    }
}
