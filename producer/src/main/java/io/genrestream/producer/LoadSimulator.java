package io.genrestream.producer;

import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamKind;
import io.genrestream.producer.source.PcmSupplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;

/**
 * Load generator: N concurrent LIVE streams ({@code <prefix>-0 .. <prefix>-(N-1)}) fed by {@link PcmSupplier}s,
 * for a fixed wall time, either paced like real broadcasts or as fast as the producer can send.
 *
 * <p>The streams are spread over a few worker threads (not one thread each, so hundreds of streams stay cheap);
 * in real time mode each worker sends the chunk that falls due first next, waiting until it is due, so streams keep
 * the phases the start spread gave them.
 */
public final class LoadSimulator {

    private final ChunkPublisher publisher;
    private final int streams;
    private final IntFunction<PcmSupplier> supplierOfStream;
    private final Duration duration;
    private final Duration chunkDuration;
    private final boolean realtime;
    private final int workers;
    private final String streamIdPrefix;
    private final Duration startSpread;

    private LoadSimulator(Builder builder) {
        this.publisher = builder.publisher;
        this.streams = builder.streams;
        this.supplierOfStream = builder.supplierOfStream;
        this.duration = builder.duration;
        this.chunkDuration = builder.chunkDuration;
        this.realtime = builder.realtime;
        this.workers = Math.min(builder.streams, builder.workers);
        this.streamIdPrefix = builder.streamIdPrefix;
        this.startSpread = builder.startSpread == null ? builder.chunkDuration : builder.startSpread;
    }

    /** Starts a builder; {@code setPublisher}, {@code setStreams}, {@code setAudio} and {@code setDuration} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the simulation and flushes.
     *
     * @throws ChunkPublishException Kafka did not take the chunks
     */
    public LoadSummary run() throws InterruptedException {
        List<Station> stations = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            stations.add(new Station(streamIdPrefix + "-" + i, supplierOfStream.apply(i), i));
        }
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "simulated-stations");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                List<Station> mine = new ArrayList<>();
                for (int i = w; i < streams; i += workers) {
                    mine.add(stations.get(i));
                }
                running.add(pool.submit(() -> {
                    work(mine, start, deadline);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("simulated station failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        publisher.flush();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long chunks = 0;
        long bytes = 0;
        for (Station station : stations) {
            chunks += station.chunker.nextSequence();
            bytes += station.bytesSent;
        }
        return new LoadSummary(streams, chunks, bytes, elapsed);
    }

    private void work(List<Station> mine, long start, long deadline) throws InterruptedException {
        if (!realtime) {
            while (System.nanoTime() < deadline) {
                for (Station station : mine) {
                    station.sendOne();
                }
            }
            return;
        }
        // Always the station whose next chunk is due first: visiting the stations in a fixed order would make a
        // station wait for the others' later phases, so phases spread wider than one chunk would collapse into
        // bursts where every station sends at once.
        long chunkNanos = chunkDuration.toNanos();
        PriorityQueue<Station> byDue = new PriorityQueue<>(Comparator.comparingLong(s -> s.due(start, chunkNanos)));
        byDue.addAll(mine);
        while (!byDue.isEmpty()) {
            Station station = byDue.poll();
            long due = station.due(start, chunkNanos);
            if (due >= deadline) {
                continue;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            station.sendOne();
            byDue.add(station);
        }
    }

    private final class Station {
        final AudioChunker chunker;
        final PcmSupplier supplier;
        final int index;
        final byte[] buffer;
        long bytesSent;

        Station(String id, PcmSupplier supplier, int index) {
            this.supplier = supplier;
            this.index = index;
            this.chunker = AudioChunker.builder().setStreamId(id).setFormat(supplier.format())
                    .optKind(StreamKind.LIVE).optChunkDuration(chunkDuration)
                    .optSource(SourceMetadata.newBuilder().setStation(id).setUri(supplier.description()).build())
                    .build();
            this.buffer = new byte[supplier.format().bytesFor(chunkDuration)];
        }

        /** When this station's next chunk is due: its sequence in chunks, offset by its place in the spread. */
        long due(long start, long chunkNanos) {
            return start + chunker.nextSequence() * chunkNanos + startSpread.toNanos() * index / streams;
        }

        void sendOne() {
            supplier.fill(buffer);
            chunker.append(buffer, publisher::send);
            bytesSent += buffer.length;
        }
    }

    /**
     * What a simulation sent.
     *
     * @param streams  concurrent streams
     * @param chunks   chunks sent, all streams together
     * @param pcmBytes PCM bytes sent
     * @param elapsed  wall time including the final flush
     */
    public record LoadSummary(int streams, long chunks, long pcmBytes, Duration elapsed) {

        /** Chunks per second of wall time. */
        public double chunksPerSecond() {
            return chunks / seconds();
        }

        /** PCM megabytes (10^6 bytes) per second of wall time. */
        public double megabytesPerSecond() {
            return pcmBytes / 1e6 / seconds();
        }

        private double seconds() {
            return Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    /** Builder of {@link LoadSimulator}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private ChunkPublisher publisher;
        private int streams;
        private IntFunction<PcmSupplier> supplierOfStream;
        private Duration duration;
        private Duration chunkDuration = AudioChunker.DEFAULT_CHUNK_DURATION;
        private boolean realtime;
        private int workers = Runtime.getRuntime().availableProcessors();
        private String streamIdPrefix = "sim";
        private Duration startSpread;

        private Builder() {
        }

        /** Where chunks go. */
        public Builder setPublisher(ChunkPublisher publisher) {
            this.publisher = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        /** Number of concurrent streams, at least 1. */
        public Builder setStreams(int streams) {
            if (streams < 1) {
                throw new IllegalArgumentException("at least one stream is needed, got " + streams);
            }
            this.streams = streams;
            return this;
        }

        /** The audio of stream {@code i} (called once per stream). */
        public Builder setAudio(IntFunction<PcmSupplier> supplierOfStream) {
            this.supplierOfStream = Objects.requireNonNull(supplierOfStream, "supplierOfStream");
            return this;
        }

        /** Wall time to run. */
        public Builder setDuration(Duration duration) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be positive, got " + duration);
            }
            this.duration = duration;
            return this;
        }

        /** Play time of one chunk (default 0.5 s). */
        public Builder optChunkDuration(Duration chunkDuration) {
            this.chunkDuration = Objects.requireNonNull(chunkDuration, "chunkDuration");
            return this;
        }

        /** Pace each stream to playback speed (default false: as fast as possible). */
        public Builder optRealtime(boolean realtime) {
            this.realtime = realtime;
            return this;
        }

        /** Worker threads (default: available processors; never more than streams). */
        public Builder optWorkers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("at least one worker is needed, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** Stream ids are {@code <prefix>-<index>} (default {@code sim}). */
        public Builder optStreamIdPrefix(String prefix) {
            this.streamIdPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /**
         * In real time mode, the first chunks of the streams are spread evenly over this much time (default: one
         * chunk). Real stations are not in phase: spreading over a segment (3 s) keeps every stream from finishing a
         * segment in the same instant.
         */
        public Builder optStartSpread(Duration startSpread) {
            if (startSpread == null || startSpread.isNegative()) {
                throw new IllegalArgumentException("start spread must be zero or positive, got " + startSpread);
            }
            this.startSpread = startSpread;
            return this;
        }

        /** Builds the simulator. */
        public LoadSimulator build() {
            if (publisher == null || streams == 0 || supplierOfStream == null || duration == null) {
                throw new IllegalStateException("setPublisher, setStreams, setAudio and setDuration are required");
            }
            return new LoadSimulator(this);
        }
    }
}
