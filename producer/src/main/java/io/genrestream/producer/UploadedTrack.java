package io.genrestream.producer;

import io.genrestream.audio.PcmFormat;

import java.time.Duration;

/**
 * What was sent for one finite track.
 *
 * @param source   file path or other origin
 * @param trackId  stream id the chunks carry (Kafka key)
 * @param format   PCM layout sent
 * @param chunks   chunks sent, the end-of-track marker included
 * @param pcmBytes PCM bytes sent
 * @param decoder  what decoded the audio
 */
public record UploadedTrack(String source, String trackId, PcmFormat format, long chunks, long pcmBytes,
        String decoder) {

    /** Play time of the track. */
    public Duration audioDuration() {
        return format.durationOf(pcmBytes);
    }
}
