package io.genrestream.producer;

import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamKind;
import io.genrestream.audio.AudioDecodeException;
import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedPcm;
import io.genrestream.producer.source.TrackIds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends audio files as finite tracks: decode the whole file, id it by content ({@link TrackIds}), cut it into
 * chunks, send them and the end-of-track marker, and wait for the broker's acknowledgement.
 */
public final class TrackUploader {

    private static final Logger LOG = LoggerFactory.getLogger(TrackUploader.class);

    private final ChunkPublisher publisher;
    private final AudioFileDecoder decoder;
    private final Duration chunkDuration;
    private final boolean realtime;

    private TrackUploader(Builder builder) {
        this.publisher = builder.publisher;
        this.decoder = builder.decoder;
        this.chunkDuration = builder.chunkDuration;
        this.realtime = builder.realtime;
    }

    /** Starts a builder; {@code setPublisher} and {@code setDecoder} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The decoder files go through. */
    public AudioFileDecoder decoder() {
        return decoder;
    }

    /**
     * Decodes and sends one file; nothing is sent when it cannot be decoded.
     *
     * @throws AudioDecodeException the file is missing, unreadable, corrupt or unsupported
     * @throws ChunkPublishException Kafka did not take the chunks
     * @throws InterruptedException  while pacing in real time
     */
    public UploadedTrack upload(Path file) throws AudioDecodeException, InterruptedException {
        return upload(file, decoder.decode(file));
    }

    /**
     * Sends a file that was already decoded (e.g. to check it before connecting to Kafka).
     *
     * @throws AudioDecodeException the file cannot be read to compute its id
     */
    public UploadedTrack upload(Path file, DecodedPcm audio) throws AudioDecodeException, InterruptedException {
        String trackId;
        try {
            trackId = TrackIds.ofFile(file);
        } catch (IOException e) {
            throw new AudioDecodeException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return send(trackId, audio, SourceMetadata.newBuilder()
                .setTitle(titleOf(file))
                .setUri(file.toAbsolutePath().normalize().toString())
                .build());
    }

    /**
     * Sends decoded audio as track {@code trackId}, then flushes so the result reflects what the broker holds.
     */
    public UploadedTrack send(String trackId, DecodedPcm audio, SourceMetadata source)
            throws InterruptedException {
        AudioChunker chunker = AudioChunker.builder()
                .setStreamId(trackId)
                .setFormat(audio.format())
                .optKind(StreamKind.TRACK)
                .optSource(source)
                .optChunkDuration(chunkDuration)
                .build();
        byte[] pcm = audio.pcm();
        int step = audio.format().bytesFor(chunkDuration);
        RealtimePacer pacer = realtime ? new RealtimePacer(audio.format()) : null;
        for (int offset = 0; offset < pcm.length; offset += step) {
            int length = Math.min(step, pcm.length - offset);
            chunker.append(pcm, offset, length, publisher::send);
            if (pacer != null) {
                pacer.awaitPlayTime(offset + (long) length);
            }
        }
        chunker.finish(publisher::send);
        publisher.flush();
        UploadedTrack track = new UploadedTrack(source.getUri(), trackId, audio.format(), chunker.nextSequence(),
                pcm.length, audio.decoder());
        LOG.debug("sent track {} ({}, {} s, {}) as {} chunks to {}", trackId, source.getUri(),
                String.format("%.1f", track.audioDuration().toMillis() / 1000.0), audio.format(), track.chunks(),
                publisher.topic());
        return track;
    }

    /** File name without its extension: the best title a bare file offers. */
    static String titleOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Builder of {@link TrackUploader}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private ChunkPublisher publisher;
        private AudioFileDecoder decoder;
        private Duration chunkDuration = AudioChunker.DEFAULT_CHUNK_DURATION;
        private boolean realtime;

        private Builder() {
        }

        /** Where chunks go. */
        public Builder setPublisher(ChunkPublisher publisher) {
            this.publisher = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        /** How files are decoded. */
        public Builder setDecoder(AudioFileDecoder decoder) {
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /** Play time of one chunk (default 0.5 s). */
        public Builder optChunkDuration(Duration chunkDuration) {
            this.chunkDuration = Objects.requireNonNull(chunkDuration, "chunkDuration");
            return this;
        }

        /** Send at playback speed instead of as fast as possible (default false). */
        public Builder optRealtime(boolean realtime) {
            this.realtime = realtime;
            return this;
        }

        /** Builds the uploader. */
        public TrackUploader build() {
            if (publisher == null) {
                throw new IllegalStateException("setPublisher is required");
            }
            if (decoder == null) {
                throw new IllegalStateException("setDecoder is required");
            }
            return new TrackUploader(this);
        }
    }
}
