package io.genrestream.producer;

import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamKind;
import io.genrestream.audio.FfmpegDecoder;
import io.genrestream.producer.source.LiveConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a live HTTP audio stream (Icecast/Shoutcast MP3 or OGG, WAV, audio/L16) as one endless
 * {@link StreamKind#LIVE} stream keyed by a station id.
 *
 * <p>When the stream drops or the server cannot be reached, it reconnects after a {@link ReconnectBackoff}
 * delay; the delay grows with consecutive failed attempts and resets once a connection delivered audio. One
 * {@link AudioChunker} lives across all connections, so sequence numbers continue without duplicate or reset.
 * A run ends when {@link #stop} is called, the optional duration or chunk limit is reached, or the retry limit is
 * exhausted ({@link LiveRunSummary#gaveUp()}).
 */
public final class LiveStreamProducer {

    /** Connect timeout used when none is given. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Longest silence on an open connection before it counts as dropped, when none is given. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(LiveStreamProducer.class);
    private static final int READ_BUFFER_BYTES = 8192;

    private final URI url;
    private final String stationId;
    private final ChunkPublisher publisher;
    private final FfmpegDecoder ffmpeg;
    private final Duration chunkDuration;
    private final ReconnectBackoff backoff;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration stopAfter;
    private final long maxChunks;
    private final boolean realtime;
    private final RandomGenerator random;
    private volatile boolean stopRequested;
    private volatile LiveConnection current;

    private LiveStreamProducer(Builder builder) {
        this.url = builder.url;
        this.stationId = builder.stationId;
        this.publisher = builder.publisher;
        this.ffmpeg = builder.ffmpeg;
        this.chunkDuration = builder.chunkDuration;
        this.backoff = builder.backoff;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.stopAfter = builder.stopAfter;
        this.maxChunks = builder.maxChunks;
        this.realtime = builder.realtime;
        this.random = builder.random;
    }

    /** Starts a builder; {@code setUrl}, {@code setStationId} and {@code setPublisher} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Asks a running {@link #run} to end: it finishes the chunk in progress, flushes and returns. */
    public void stop() {
        stopRequested = true;
        LiveConnection connection = current;
        if (connection != null) {
            connection.close();
        }
    }

    /**
     * Streams until stopped, a limit is reached, or the retry limit is exhausted.
     *
     * @throws ChunkPublishException Kafka did not take the chunks
     * @throws InterruptedException  while waiting between attempts
     */
    public LiveRunSummary run() throws InterruptedException {
        long startNanos = System.nanoTime();
        long deadline = stopAfter == null ? Long.MAX_VALUE : startNanos + stopAfter.toNanos();
        AudioChunker chunker = null;
        int attempts = 0;
        int connections = 0;
        int failuresInRow = 0;
        long pcmBytes = 0;
        String lastFailure = null;
        boolean gaveUp = false;
        SourceMetadata.Builder metadata = SourceMetadata.newBuilder().setStation(stationId).setUri(url.toString());

        while (!stopRequested && System.nanoTime() < deadline && !chunkLimitReached(chunker)) {
            attempts++;
            long bytesThisConnection = 0;
            try (LiveConnection connection = LiveConnection.open(url, connectTimeout, readTimeout, ffmpeg,
                    title -> LOG.info("station {} now plays: {}", stationId, title))) {
                current = connection;
                connections++;
                connection.stationName().ifPresent(metadata::setTitle);
                if (chunker == null) {
                    chunker = AudioChunker.builder().setStreamId(stationId).setFormat(connection.format())
                            .optKind(StreamKind.LIVE).optSource(metadata.build())
                            .optChunkDuration(chunkDuration).build();
                } else {
                    chunker.changeFormat(connection.format(), publisher::send);
                }
                bytesThisConnection = pump(connection, chunker, deadline);
                pcmBytes += bytesThisConnection;
                if (!stopRequested && System.nanoTime() < deadline && !chunkLimitReached(chunker)) {
                    lastFailure = "stream ended after " + bytesThisConnection + " bytes";
                }
            } catch (IOException e) { // AudioDecodeException included: a body ffmpeg cannot decode is retried too
                lastFailure = e.getMessage();
            } finally {
                current = null;
            }
            if (stopRequested || System.nanoTime() >= deadline || chunkLimitReached(chunker)) {
                break;
            }
            failuresInRow = bytesThisConnection > 0 ? 1 : failuresInRow + 1;
            if (!backoff.allowsRetry(failuresInRow)) {
                LOG.error("station {}: giving up on {} after {} attempt(s) in a row failed; last: {}",
                        stationId, url, failuresInRow, lastFailure);
                gaveUp = true;
                break;
            }
            Duration delay = backoff.delay(failuresInRow, random::nextDouble);
            LOG.warn("station {}: {} dropped or unreachable ({}); reconnecting in {} ms (retry {}{})", stationId,
                    url, lastFailure, delay.toMillis(), failuresInRow,
                    backoff.maxRetries() < 0 ? "" : " of " + backoff.maxRetries());
            Thread.sleep(delay.toMillis());
        }
        if (chunker != null) {
            chunker.finish(publisher::send);
        }
        publisher.flush();
        long chunks = chunker == null ? 0 : chunker.nextSequence();
        LiveRunSummary summary = new LiveRunSummary(attempts, connections, chunks, pcmBytes,
                Duration.ofNanos(System.nanoTime() - startNanos), gaveUp, Optional.ofNullable(lastFailure));
        LOG.info("station {}: {}", stationId, summary);
        return summary;
    }

    private long pump(LiveConnection connection, AudioChunker chunker, long deadline)
            throws IOException, InterruptedException {
        InputStream pcm = connection.pcm();
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        RealtimePacer pacer = realtime ? new RealtimePacer(connection.format()) : null;
        long total = 0;
        while (!stopRequested && System.nanoTime() < deadline && !chunkLimitReached(chunker)) {
            int n;
            try {
                n = pcm.read(buffer);
            } catch (IOException e) {
                if (stopRequested) {
                    break;
                }
                throw new IOException("connection lost after " + total + " bytes: " + e.getMessage(), e);
            }
            if (n < 0) {
                break;
            }
            // With a chunk limit, take no more than the limit needs so exactly maxChunks chunks go out.
            int take = maxChunks > 0 ? (int) Math.min(n, bytesUntilLimit(chunker)) : n;
            chunker.append(buffer, 0, take, publisher::send);
            total += take;
            if (pacer != null) {
                pacer.awaitPlayTime(total);
            }
        }
        return total;
    }

    private boolean chunkLimitReached(AudioChunker chunker) {
        return maxChunks > 0 && chunker != null && chunker.nextSequence() >= maxChunks;
    }

    private long bytesUntilLimit(AudioChunker chunker) {
        long chunkBytes = chunker.format().bytesFor(chunkDuration);
        return Math.max(0, (maxChunks - chunker.nextSequence()) * chunkBytes - chunker.pendingBytes());
    }

    /**
     * What a live run did.
     *
     * @param attempts    connection attempts, the first included
     * @param connections attempts that connected and started decoding
     * @param chunks      chunks sent
     * @param pcmBytes    PCM bytes read from the stream
     * @param elapsed     wall time of the run
     * @param gaveUp      true when the retry limit ended the run
     * @param lastFailure why the last connection ended or failed
     */
    public record LiveRunSummary(int attempts, int connections, long chunks, long pcmBytes, Duration elapsed,
            boolean gaveUp, Optional<String> lastFailure) {
    }

    /** Builder of {@link LiveStreamProducer}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private URI url;
        private String stationId;
        private ChunkPublisher publisher;
        private FfmpegDecoder ffmpeg = FfmpegDecoder.onPath();
        private Duration chunkDuration = AudioChunker.DEFAULT_CHUNK_DURATION;
        private ReconnectBackoff backoff = ReconnectBackoff.DEFAULT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration stopAfter;
        private long maxChunks;
        private boolean realtime;
        private RandomGenerator random = new Random();

        private Builder() {
        }

        /** HTTP(S) URL of the stream. */
        public Builder setUrl(URI url) {
            String scheme = Objects.requireNonNull(url, "url").getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("live streams are read over http or https, not " + url);
            }
            this.url = url;
            return this;
        }

        /** Station id: stream id and Kafka key of every chunk. */
        public Builder setStationId(String stationId) {
            if (stationId == null || stationId.isBlank()) {
                throw new IllegalArgumentException("station id must not be blank");
            }
            this.stationId = stationId;
            return this;
        }

        /** Where chunks go. */
        public Builder setPublisher(ChunkPublisher publisher) {
            this.publisher = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        /** ffmpeg for compressed streams (default: {@code ffmpeg} on PATH, 22050 Hz mono). */
        public Builder optFfmpeg(FfmpegDecoder ffmpeg) {
            this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
            return this;
        }

        /** Play time of one chunk (default 0.5 s). */
        public Builder optChunkDuration(Duration chunkDuration) {
            this.chunkDuration = Objects.requireNonNull(chunkDuration, "chunkDuration");
            return this;
        }

        /** Reconnection policy (default {@link ReconnectBackoff#DEFAULT}: forever, 1 s to 60 s). */
        public Builder optBackoff(ReconnectBackoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** Connect timeout (default 10 s). */
        public Builder optConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** Silence on an open connection after which it counts as dropped (default 15 s). */
        public Builder optReadTimeout(Duration readTimeout) {
            this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
            return this;
        }

        /** End the run after this wall time (default: never). */
        public Builder optStopAfter(Duration stopAfter) {
            this.stopAfter = stopAfter;
            return this;
        }

        /** End the run after this many chunks (default 0: no limit). */
        public Builder optMaxChunks(long maxChunks) {
            if (maxChunks < 0) {
                throw new IllegalArgumentException("max chunks must not be negative, got " + maxChunks);
            }
            this.maxChunks = maxChunks;
            return this;
        }

        /** Pace sending to playback speed (default false: as fast as the server delivers). */
        public Builder optRealtime(boolean realtime) {
            this.realtime = realtime;
            return this;
        }

        /** Random source of the backoff jitter (seed it for reproducible runs). */
        public Builder optRandom(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Builds the producer. */
        public LiveStreamProducer build() {
            if (url == null || stationId == null || publisher == null) {
                throw new IllegalStateException("setUrl, setStationId and setPublisher are required");
            }
            return new LiveStreamProducer(this);
        }
    }
}
