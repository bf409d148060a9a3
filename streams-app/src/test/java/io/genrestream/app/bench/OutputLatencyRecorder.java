package io.genrestream.app.bench;

import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.TrackGenre;
import io.genrestream.topics.TopicDescriptor;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads segment-scores and track-genres as an application would (read_committed, from the end at start) and records
 * when each becomes readable: segment latency = receive time - {@code lastChunkProducedAtMs}; verdict latency =
 * receive time - the time the track's end marker was produced (registered by the sender with
 * {@link #endMarkerProduced}). Segment latency is also split at the score's {@code scoredAtMs}: before it, transport,
 * features and the batch linger; after it, the exactly-once commit and the read. Histograms are HdrHistogram
 * {@link Recorder}s (thread-safe interval snapshots).
 */
final class OutputLatencyRecorder implements AutoCloseable {

    private static final long MAX_TRACKABLE_MS = Duration.ofHours(1).toMillis();
    private static final Duration POLL = Duration.ofMillis(100);

    private final Recorder segmentLatency = new Recorder(MAX_TRACKABLE_MS, 3);
    private final Recorder scoringLatency = new Recorder(MAX_TRACKABLE_MS, 3);
    private final Recorder verdictLatency = new Recorder(MAX_TRACKABLE_MS, 3);
    private final Map<String, Long> endMarkers = new ConcurrentHashMap<>();
    private final Map<String, Long> verdictsReceived = new ConcurrentHashMap<>();
    private final AtomicLong scores = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads;
    private volatile String measuredPrefix = "";

    OutputLatencyRecorder(String bootstrapServers, TopicDescriptor<String, SegmentScore> scoreTopic,
                          TopicDescriptor<String, TrackGenre> verdictTopic) {
        KafkaConsumer<String, SegmentScore> scoreConsumer = consumer(bootstrapServers, scoreTopic);
        KafkaConsumer<String, TrackGenre> verdictConsumer = consumer(bootstrapServers, verdictTopic);
        threads = List.of(
                new Thread(() -> loop(scoreConsumer, this::onScore), "bench-score-reader"),
                new Thread(() -> loop(verdictConsumer, this::onVerdict), "bench-verdict-reader"));
        threads.forEach(Thread::start);
    }

    /** Only segments of streams whose id starts with {@code prefix} are timed from now on. */
    void measureStreamsStartingWith(String prefix) {
        measuredPrefix = prefix;
    }

    /** The sender produced the end marker of {@code trackId} at {@code producedAtMs}. */
    void endMarkerProduced(String trackId, long producedAtMs) {
        endMarkers.put(trackId, producedAtMs);
    }

    /**
     * The latencies of one period (ms): segment (last chunk produced to readable), its part up to
     * scoring ({@code scoredAtMs - lastChunkProducedAtMs}), and end of track to verdict.
     */
    record Latencies(Histogram segment, Histogram scoring, Histogram verdict) {

        /** Both periods together. */
        Latencies plus(Latencies other) {
            return new Latencies(sum(segment, other.segment), sum(scoring, other.scoring), sum(verdict, other.verdict));
        }

        private static Histogram sum(Histogram a, Histogram b) {
            Histogram all = a.copy();
            all.add(b);
            return all;
        }
    }

    /** The latencies since the last call; the next call starts from now. */
    Latencies take() {
        return new Latencies(segmentLatency.getIntervalHistogram(), scoringLatency.getIntervalHistogram(),
                verdictLatency.getIntervalHistogram());
    }

    /** Wall time (epoch ms) the verdict of {@code trackId} was read, or null. */
    Long verdictReceivedAt(String trackId) {
        return verdictsReceived.get(trackId);
    }

    long scoresRead() {
        return scores.get();
    }

    private void onScore(ConsumerRecord<String, SegmentScore> r, long now) {
        scores.incrementAndGet();
        if (r.key() != null && r.key().startsWith(measuredPrefix)) {
            long produced = r.value().getLastChunkProducedAtMs().toEpochMilli();
            segmentLatency.recordValue(clamp(now - produced));
            scoringLatency.recordValue(clamp(r.value().getScoredAtMs().toEpochMilli() - produced));
        }
    }

    private void onVerdict(ConsumerRecord<String, TrackGenre> r, long now) {
        verdictsReceived.put(r.key(), now);
        Long marker = endMarkers.remove(r.key());
        if (marker != null) {
            verdictLatency.recordValue(clamp(now - marker));
        }
    }

    private static long clamp(long ms) {
        return Math.max(0, Math.min(MAX_TRACKABLE_MS, ms));
    }

    private interface Handler<V> {
        void accept(ConsumerRecord<String, V> record, long receivedAtMs);
    }

    private <V> void loop(KafkaConsumer<String, V> consumer, Handler<V> handler) {
        try (consumer) {
            while (running.get()) {
                var records = consumer.poll(POLL);
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, V> r : records) {
                    handler.accept(r, now);
                }
            }
        }
    }

    private static <V> KafkaConsumer<String, V> consumer(String bootstrap, TopicDescriptor<String, V> topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(5000);
        }
    }
}
