package io.genrestream.producer.source;

import io.genrestream.producer.PcmFormat;
import java.time.Duration;

/**
 * A whole track decoded to signed 16-bit little-endian interleaved PCM.
 *
 * @param format  rate and channels of {@code pcm}
 * @param pcm     the samples, whole frames only
 * @param decoder what decoded it, for logs and reports ({@code javax.sound} or {@code ffmpeg})
 */
public record DecodedAudio(PcmFormat format, byte[] pcm, String decoder) {

    /** Play time of the track. */
    public Duration duration() {
        return format.durationOf(pcm.length);
    }
}
