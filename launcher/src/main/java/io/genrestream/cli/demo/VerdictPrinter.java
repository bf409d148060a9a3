package io.genrestream.cli.demo;

import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.TrackGenre;
import io.genrestream.stack.LocalStack;
import io.genrestream.topics.GenreTopics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Prints the app's output as it is committed: one line per segment score, one per track verdict. Reads with
 * {@code read_committed}, so it shows exactly what downstream consumers of the topics see.
 */
final class VerdictPrinter implements AutoCloseable {

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final Map<String, String> titles;
    private final CountDownLatch verdicts;
    private final Consumer<String> out;
    private final Thread thread;

    VerdictPrinter(LocalStack stack, Map<String, String> titles, CountDownLatch verdicts, Consumer<String> out) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", stack.schemaRegistryUrl());
        GenreTopics topics = new GenreTopics(config);
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "genre-stream-demo-printer");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, topics.audioChunks().keySerde().deserializer(),
                byTopic(Map.of(
                        topics.segmentScores().name(), topics.segmentScores().valueSerde().deserializer(),
                        topics.trackGenres().name(), topics.trackGenres().valueSerde().deserializer())));
        consumer.subscribe(List.of(topics.segmentScores().name(), topics.trackGenres().name()));
        this.titles = titles;
        this.verdicts = verdicts;
        this.out = out;
        this.thread = new Thread(this::run, "demo-verdict-printer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, SpecificRecord> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() instanceof SegmentScore s) {
                        out.accept(String.format(Locale.ROOT, "  score   %-40s segment %2d  %5.1f-%5.1f s  vote %-10s",
                                title(r.key()), s.getSegmentIndex(), s.getStartSeconds(), s.getEndSeconds(),
                                s.getVote()));
                    } else if (r.value() instanceof TrackGenre g) {
                        out.accept(String.format(Locale.ROOT,
                                "VERDICT  %-40s %-10s confidence %.2f  votes %s  tie-break %s  (%d segments, %.1f s)%s",
                                title(r.key()), g.getGenre(), g.getConfidence(), votes(g.getVotes()),
                                g.getTieBreak(), g.getSegmentCount(), g.getDurationSeconds(),
                                g.getNovelty() == null ? "" : String.format(Locale.ROOT, "  novelty %.1f",
                                        g.getNovelty())));
                        verdicts.countDown();
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll: the demo is stopping
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private String title(String trackId) {
        return titles.getOrDefault(trackId, trackId);
    }

    private static String votes(Map<String, Integer> votes) {
        return votes.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ", "{", "}"));
    }

    /** One consumer for both topics: each record is read with its own topic's deserializer. */
    private static Deserializer<SpecificRecord> byTopic(Map<String, Deserializer<? extends SpecificRecord>> byTopic) {
        return (topic, data) -> byTopic.get(topic).deserialize(topic, data);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5_000);
    }
}
