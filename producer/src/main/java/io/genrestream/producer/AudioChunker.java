package io.genrestream.producer;

import io.genrestream.audio.PcmFormat;

import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamKind;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the PCM of one stream into {@link AudioChunk}s of a fixed duration, numbered 0, 1, 2, ... without gaps.
 *
 * <p>Bytes may arrive in pieces of any size (network reads, odd lengths); a chunk is emitted each time a whole
 * chunk's worth of frames has been collected. {@link #finish} emits the remaining frames as a last, shorter chunk
 * and, for a {@link StreamKind#TRACK}, an end-of-track marker: a chunk with empty PCM and {@code endOfTrack=true},
 * numbered after the last audio chunk, so every finite track ends with exactly one marker.
 *
 * <p>One instance belongs to one stream and is not thread-safe. The sequence counter survives format changes
 * ({@link #changeFormat}), which is how a live stream that reconnects keeps numbering without a reset.
 */
public final class AudioChunker {

    /** Chunk duration used when none is given. */
    public static final Duration DEFAULT_CHUNK_DURATION = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(AudioChunker.class);

    private final String streamId;
    private final StreamKind kind;
    private SourceMetadata source;
    private final Duration chunkDuration;
    private final Clock clock;
    private PcmFormat format;
    private byte[] pending;
    private int pendingLength;
    private long nextSequence;
    private boolean finished;

    private AudioChunker(Builder builder) {
        this.streamId = builder.streamId;
        this.kind = builder.kind;
        this.source = builder.source;
        this.chunkDuration = builder.chunkDuration;
        this.clock = builder.clock;
        this.nextSequence = builder.firstSequence;
        this.format = builder.format;
        this.pending = new byte[format.bytesFor(chunkDuration)];
    }

    /** Starts a builder; {@code setStreamId} and {@code setFormat} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds PCM bytes and hands every chunk that became complete to {@code sink}, in sequence order.
     *
     * @throws IllegalStateException after {@link #finish}
     */
    public void append(byte[] data, int offset, int length, Consumer<AudioChunk> sink) {
        Objects.checkFromIndexSize(offset, length, data.length);
        ensureOpen();
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int take = Math.min(end - position, pending.length - pendingLength);
            System.arraycopy(data, position, pending, pendingLength, take);
            pendingLength += take;
            position += take;
            if (pendingLength == pending.length) {
                sink.accept(chunk(Arrays.copyOf(pending, pendingLength), false));
                pendingLength = 0;
            }
        }
    }

    /** Adds all of {@code data}; see {@link #append(byte[], int, int, Consumer)}. */
    public void append(byte[] data, Consumer<AudioChunk> sink) {
        append(data, 0, data.length, sink);
    }

    /**
     * Switches to another PCM format (a live stream that came back with a different rate): the frames collected
     * so far go out as a shorter chunk in the old format, and numbering goes on.
     */
    public void changeFormat(PcmFormat newFormat, Consumer<AudioChunk> sink) {
        ensureOpen();
        if (newFormat.equals(format)) {
            return;
        }
        emitPartial(sink);
        format = newFormat;
        pending = new byte[newFormat.bytesFor(chunkDuration)];
    }

    /**
     * Emits the frames still collected as a last, shorter chunk and, for a track, the end-of-track marker. A
     * trailing incomplete frame (odd byte count) cannot be played and is dropped. No chunk may be added after.
     */
    public void finish(Consumer<AudioChunk> sink) {
        ensureOpen();
        emitPartial(sink);
        if (kind == StreamKind.TRACK) {
            sink.accept(chunk(new byte[0], true));
        }
        finished = true;
    }

    /** Metadata for the chunks from now on (a live stream announced a new title). */
    public void changeSource(SourceMetadata newSource) {
        this.source = newSource;
    }

    /** Sequence number the next chunk will get (the count of chunks emitted when starting at 0). */
    public long nextSequence() {
        return nextSequence;
    }

    /** Bytes collected towards the next chunk. */
    public int pendingBytes() {
        return pendingLength;
    }

    /** Current PCM format. */
    public PcmFormat format() {
        return format;
    }

    /** Id of the stream this chunker numbers. */
    public String streamId() {
        return streamId;
    }

    private void emitPartial(Consumer<AudioChunk> sink) {
        int whole = pendingLength - pendingLength % format.frameBytes();
        if (whole != pendingLength) {
            LOG.warn("stream {}: dropping {} trailing byte(s) that do not make a whole {}-byte frame",
                    streamId, pendingLength - whole, format.frameBytes());
        }
        if (whole > 0) {
            sink.accept(chunk(Arrays.copyOf(pending, whole), false));
        }
        pendingLength = 0;
    }

    private AudioChunk chunk(byte[] pcm, boolean endOfTrack) {
        return AudioChunk.newBuilder()
                .setStreamId(streamId)
                .setSequence(nextSequence++)
                .setSampleRate(format.sampleRate())
                .setChannels(format.channels())
                .setSampleFormat(SampleFormat.PCM_S16LE)
                .setPcm(ByteBuffer.wrap(pcm))
                .setEndOfTrack(endOfTrack)
                .setKind(kind)
                .setProducedAtMs(clock.instant())
                .setSource(source)
                .build();
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("stream " + streamId + " is already finished");
        }
    }

    /** Builder of {@link AudioChunker}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private String streamId;
        private PcmFormat format;
        private StreamKind kind = StreamKind.TRACK;
        private SourceMetadata source;
        private Duration chunkDuration = DEFAULT_CHUNK_DURATION;
        private long firstSequence;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Id of the stream: the Kafka key of every chunk. */
        public Builder setStreamId(String streamId) {
            if (streamId == null || streamId.isBlank()) {
                throw new IllegalArgumentException("stream id must not be blank");
            }
            this.streamId = streamId;
            return this;
        }

        /** Layout of the PCM that will be appended. */
        public Builder setFormat(PcmFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** TRACK (finite, ends with a marker; the default) or LIVE (endless, no marker). */
        public Builder optKind(StreamKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** Metadata copied into every chunk. */
        public Builder optSource(SourceMetadata source) {
            this.source = source;
            return this;
        }

        /** Play time of one chunk (default {@link #DEFAULT_CHUNK_DURATION}), rounded to whole frames. */
        public Builder optChunkDuration(Duration chunkDuration) {
            if (chunkDuration == null || chunkDuration.isNegative() || chunkDuration.isZero()) {
                throw new IllegalArgumentException("chunk duration must be positive, got " + chunkDuration);
            }
            this.chunkDuration = chunkDuration;
            return this;
        }

        /** Sequence number of the first chunk (default 0). */
        public Builder optFirstSequence(long firstSequence) {
            if (firstSequence < 0) {
                throw new IllegalArgumentException("first sequence must not be negative, got " + firstSequence);
            }
            this.firstSequence = firstSequence;
            return this;
        }

        /** Clock of {@code producedAtMs} (default: system UTC). */
        public Builder optClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the chunker. */
        public AudioChunker build() {
            if (streamId == null) {
                throw new IllegalStateException("setStreamId is required");
            }
            if (format == null) {
                throw new IllegalStateException("setFormat is required");
            }
            return new AudioChunker(this);
        }
    }
}
