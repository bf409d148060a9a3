package io.genrestream.producer;

import io.genrestream.audio.PcmFormat;

import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends raw signed 16-bit little-endian PCM read from a stream (a pipe, standard input) until its end, as one
 * stream: a {@link StreamKind#TRACK} ends with the end-of-track marker, a {@link StreamKind#LIVE} stream does not.
 */
public final class PcmStreamSender {

    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final ChunkPublisher publisher;
    private final Duration chunkDuration;
    private final boolean realtime;

    /**
     * @param publisher     where chunks go
     * @param chunkDuration play time of one chunk
     * @param realtime      pace sending to playback speed
     */
    public PcmStreamSender(ChunkPublisher publisher, Duration chunkDuration, boolean realtime) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.chunkDuration = Objects.requireNonNull(chunkDuration, "chunkDuration");
        this.realtime = realtime;
    }

    /**
     * Reads {@code pcm} to its end, sends it, and flushes.
     *
     * @return chunks sent (marker included) and bytes read
     */
    public UploadedTrack send(String streamId, InputStream pcm, PcmFormat format, StreamKind kind,
            SourceMetadata source) throws IOException, InterruptedException {
        AudioChunker chunker = AudioChunker.builder().setStreamId(streamId).setFormat(format).optKind(kind)
                .optSource(source).optChunkDuration(chunkDuration).build();
        RealtimePacer pacer = realtime ? new RealtimePacer(format) : null;
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        long total = 0;
        int n;
        while ((n = pcm.read(buffer)) >= 0) {
            chunker.append(buffer, 0, n, publisher::send);
            total += n;
            if (pacer != null) {
                pacer.awaitPlayTime(total);
            }
        }
        chunker.finish(publisher::send);
        publisher.flush();
        return new UploadedTrack(source == null ? null : source.getUri(), streamId, format, chunker.nextSequence(),
                total - total % format.frameBytes(), "raw s16le");
    }
}
