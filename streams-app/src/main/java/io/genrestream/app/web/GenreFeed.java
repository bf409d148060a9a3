package io.genrestream.app.web;

import io.genrestream.app.config.GenreStreamFactory;
import io.genrestream.avro.GenreChange;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.StreamGenre;
import io.genrestream.avro.TrackGenre;
import io.genrestream.topics.GenreTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.configuration.kafka.streams.ConfiguredStreamBuilder;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Reads the topology's output topics (track-genres, stream-genres, genre-changes, segment-scores) into a bounded
 * {@link GenreView} and fans every verdict, rolling verdict and genre change out to Server-Sent-Events subscribers.
 *
 * <p>The consumer has no group: it assigns itself every partition of the four topics and starts
 * {@code genre.web.feed.look-back} before now (by record timestamp; {@code 0s}: at the end), so every server
 * instance shows the whole feed and commits nothing. It reads with {@code isolation.level=read_committed}, seeing
 * only what the exactly-once topology committed. Topics that do not exist yet are looked for again every
 * {@code genre.web.feed.topic-retry}. Its connection settings (bootstrap servers, security) are the Kafka Streams
 * app's ({@code kafka.*}, {@code kafka.streams.default.*}); the topic names and serdes are {@link GenreTopics}'.
 *
 * <p>Subscribers each get a buffer of {@code genre.web.feed.subscriber-buffer} events; a slow one loses its
 * oldest events (counted in {@code genre.feed.events.dropped}) and never slows the others or the consumer.
 *
 * <p>Metrics: {@code genre.feed.records} (records read, tag topic), {@code genre.feed.record.errors} (unreadable
 * records, tag topic), {@code genre.feed.events} (events published, tag type; its rate is events/s),
 * {@code genre.feed.events.dropped}, {@code genre.feed.segment.latency} (producer to scored, from the segment
 * scores), gauges {@code genre.feed.subscribers}, {@code genre.feed.streams}, {@code genre.feed.tracks}.
 */
@Context
public class GenreFeed implements AutoCloseable {

    /** Kafka client id of the feed's consumer. */
    public static final String CLIENT_ID = "genre-web-feed";

    private static final Logger LOG = LoggerFactory.getLogger(GenreFeed.class);

    private final FeedSettings settings;
    private final Clock clock;
    private final GenreView view;
    private final KafkaConsumer<String, byte[]> consumer;
    /** Topic name to what to do with one of its records. */
    private final Map<String, BiConsumer<ConsumerRecord<String, byte[]>, Long>> handlers = new LinkedHashMap<>();
    private final Deserializer<TrackGenre> trackReader;
    private final Deserializer<StreamGenre> streamReader;
    private final Deserializer<GenreChange> changeReader;
    private final Deserializer<SegmentScore> scoreReader;
    private final Sinks.Many<FeedEvent> sink = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final MeterRegistry meters;
    private final Counter dropped;
    private final Timer segmentLatency;
    private final Thread poller;
    private volatile boolean running = true;

    /** Creates the feed and starts its consumer thread. */
    public GenreFeed(FeedSettings settings, GenreTopics topics,
                     @Named(GenreStreamFactory.STREAM) ConfiguredStreamBuilder streamBuilder, MeterRegistry meters) {
        this.settings = settings;
        this.clock = Clock.systemUTC();
        this.view = new GenreView(settings, clock);
        this.meters = meters;
        this.trackReader = topics.trackGenres().valueSerde().deserializer();
        this.streamReader = topics.streamGenres().valueSerde().deserializer();
        this.changeReader = topics.genreChanges().valueSerde().deserializer();
        this.scoreReader = topics.segmentScores().valueSerde().deserializer();
        handlers.put(topics.trackGenres().name(), this::onTrack);
        handlers.put(topics.streamGenres().name(), this::onStream);
        handlers.put(topics.genreChanges().name(), this::onChange);
        handlers.put(topics.segmentScores().name(), this::onScore);
        this.consumer = new KafkaConsumer<>(consumerConfig(streamBuilder.getConfiguration()),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.dropped = Counter.builder("genre.feed.events.dropped")
                .description("Events a slow SSE subscriber lost because its buffer was full").register(meters);
        this.segmentLatency = Timer.builder("genre.feed.segment.latency")
                .description("From the producer sending a segment's last chunk to the segment being scored")
                .publishPercentileHistogram().register(meters);
        Gauge.builder("genre.feed.subscribers", subscribers, AtomicInteger::get)
                .description("Connected SSE subscribers of /events").register(meters);
        Gauge.builder("genre.feed.streams", view, GenreView::streamCount)
                .description("Live streams held in memory").register(meters);
        Gauge.builder("genre.feed.tracks", view, GenreView::trackCount)
                .description("Finished-track verdicts held in memory").register(meters);
        this.poller = new Thread(this::run, CLIENT_ID);
        poller.setDaemon(true);
        poller.start();
    }

    /** The in-memory view the controllers read. */
    GenreView view() {
        return view;
    }

    /**
     * Every event from now on, plus a {@value FeedEvent#HEARTBEAT} event every {@code genre.web.feed.heartbeat}:
     * each subscriber has its own bounded buffer.
     */
    public Flux<FeedEvent> events() {
        Flux<FeedEvent> heartbeats = Flux.interval(settings.heartbeat())
                .onBackpressureDrop()
                .map(i -> FeedEvent.heartbeat(clock.millis()));
        return sink.asFlux()
                .onBackpressureBuffer(settings.subscriberBuffer(), lost -> dropped.increment(),
                        BufferOverflowStrategy.DROP_OLDEST)
                .mergeWith(heartbeats)
                .doOnSubscribe(s -> subscribers.incrementAndGet())
                .doFinally(signal -> subscribers.decrementAndGet());
    }

    /** Stops the consumer thread and closes the consumer. */
    @PreDestroy
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(settings.pollTimeout().multipliedBy(4).toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.tryEmitComplete();
    }

    private Properties consumerConfig(Map<?, ?> streamsConfig) {
        Properties p = new Properties();
        streamsConfig.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k.toString())) {
                p.put(k.toString(), v);
            }
        });
        // the feed assigns its partitions itself, in no group; group.protocol=streams is a Kafka Streams value only
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        p.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return p;
    }

    private void run() {
        Set<String> missing = new HashSet<>(handlers.keySet());
        long nextTopicCheck = 0;
        try {
            while (running) {
                long now = clock.millis();
                if (!missing.isEmpty() && now >= nextTopicCheck) {
                    assign(missing);
                    nextTopicCheck = now + settings.topicRetry().toMillis();
                }
                if (consumer.assignment().isEmpty()) {
                    Thread.sleep(settings.pollTimeout().toMillis());
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(settings.pollTimeout())) {
                    handle(r);
                }
                view.expireStreams();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("Genre feed consumer woken up unexpectedly; the feed stops", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Genre feed consumer failed; the feed stops", e);
        } finally {
            // no group, no offsets: nothing to wait for. A default close waits for the broker to end the fetch
            // sessions, behind a fetch that is parked for fetch.max.wait.ms (500 ms): that was most of a graceful
            // stop's time before Kafka Streams closed (docs/benchmarks.md, "Failover (issue 17)")
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    /** Adds the partitions of the topics in {@code missing} that exist now, positioned by the look-back. */
    private void assign(Set<String> missing) {
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : List.copyOf(missing)) {
            try {
                List<PartitionInfo> partitions = consumer.partitionsFor(topic, settings.pollTimeout());
                if (partitions != null && !partitions.isEmpty()) {
                    partitions.forEach(p -> added.add(new TopicPartition(p.topic(), p.partition())));
                    missing.remove(topic);
                }
            } catch (KafkaException e) {
                LOG.debug("Topic {} not readable yet: {}", topic, e.toString());
            }
        }
        if (added.isEmpty()) {
            if (!missing.isEmpty()) {
                LOG.info("Genre feed waiting for topics {}", missing);
            }
            return;
        }
        List<TopicPartition> all = new ArrayList<>(consumer.assignment());
        all.addAll(added);
        consumer.assign(all);
        seek(added);
        LOG.info("Genre feed reading {} partitions from {} back{}", added.size(), settings.lookBack(),
                missing.isEmpty() ? "" : "; still waiting for " + missing);
    }

    private void seek(List<TopicPartition> partitions) {
        if (settings.lookBack().isZero()) {
            consumer.seekToEnd(partitions);
            return;
        }
        long from = clock.millis() - settings.lookBack().toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, from));
        List<TopicPartition> toEnd = new ArrayList<>();
        consumer.offsetsForTimes(query).forEach((tp, found) -> {
            if (found == null) {
                toEnd.add(tp);
            } else {
                consumer.seek(tp, ((OffsetAndTimestamp) found).offset());
            }
        });
        if (!toEnd.isEmpty()) {
            consumer.seekToEnd(toEnd);
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        meters.counter("genre.feed.records", "topic", r.topic()).increment();
        if (r.value() == null) {
            return; // a tombstone of a compacted topic: nothing to show
        }
        try {
            handlers.get(r.topic()).accept(r, clock.millis());
        } catch (RuntimeException e) {
            meters.counter("genre.feed.record.errors", "topic", r.topic()).increment();
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.toString());
        }
    }

    private void onTrack(ConsumerRecord<String, byte[]> r, long now) {
        publish(FeedEvent.track(view.accept(trackReader.deserialize(r.topic(), r.headers(), r.value())), now));
    }

    private void onStream(ConsumerRecord<String, byte[]> r, long now) {
        Map.Entry<StreamStatus, TimelinePoint> update =
                view.accept(streamReader.deserialize(r.topic(), r.headers(), r.value()));
        publish(FeedEvent.stream(update.getKey(), update.getValue(), now));
    }

    private void onChange(ConsumerRecord<String, byte[]> r, long now) {
        publish(FeedEvent.change(view.accept(changeReader.deserialize(r.topic(), r.headers(), r.value())), now));
    }

    private void onScore(ConsumerRecord<String, byte[]> r, long now) {
        SegmentScore s = scoreReader.deserialize(r.topic(), r.headers(), r.value());
        long latencyMs = s.getScoredAtMs().toEpochMilli() - s.getLastChunkProducedAtMs().toEpochMilli();
        if (latencyMs >= 0) {
            segmentLatency.record(Duration.ofMillis(latencyMs));
        }
    }

    private void publish(FeedEvent event) {
        meters.counter("genre.feed.events", "type", event.type().toLowerCase(Locale.ROOT)).increment();
        sink.tryEmitNext(event);
    }
}
