package io.genrestream.app.topology;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.app.state.AudioBlock;
import io.genrestream.app.state.BlockEncoding;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.GenreChange;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.StreamGenre;
import io.genrestream.avro.TrackGenre;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.topics.GenreTopics;
import io.genrestream.topics.TopicDescriptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import java.util.UUID;

/**
 * The real {@link GenreTopology} in a {@link TopologyTestDriver}, with the schemas module's Confluent-format serdes
 * talking to a real schema registry; wall-clock time is the driver's (advanced by the tests).
 */
final class TopologyHarness implements AutoCloseable {

    private final GenreTopics topics;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<String, SegmentScore> scores;
    private final TestOutputTopic<String, TrackGenre> trackGenres;
    private final TestOutputTopic<String, StreamGenre> streamGenres;
    private final TestOutputTopic<String, GenreChange> changes;
    private final TestOutputTopic<String, DeadLetter> deadLetters;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    TopologyHarness(String registryUrl, PipelineSettings settings, SegmentModels models, FeatureExtractor extractor,
                    Path stateDir) {
        topics = new GenreTopics(Map.of("schema.registry.url", registryUrl));
        StreamsBuilder builder = new StreamsBuilder();
        GenreTopology topology = new GenreTopology(settings, topics, models, extractor, new PipelineMeters(registry));
        topology.build(builder);
        Properties props = new Properties();
        // as application.yml configures the app
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.putAll(topology.handlerConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "genre-topology-test-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, Instant.parse("2026-01-01T00:00:00Z"));
        input = driver.createInputTopic(topics.audioChunks().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        scores = output(topics.segmentScores());
        trackGenres = output(topics.trackGenres());
        streamGenres = output(topics.streamGenres());
        changes = output(topics.genreChanges());
        deadLetters = output(topics.deadLetters());
    }

    /** The registry the topology's {@link PipelineMeters} record into. */
    SimpleMeterRegistry registry() {
        return registry;
    }

    private <V> TestOutputTopic<String, V> output(TopicDescriptor<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    /** Sends a chunk as the producer would: key = stream id, value in Confluent wire format. */
    void send(AudioChunk chunk) {
        sendRaw(chunk.getStreamId().getBytes(StandardCharsets.UTF_8), serialize(chunk));
    }

    byte[] serialize(AudioChunk chunk) {
        return topics.audioChunks().valueSerde().serializer().serialize(topics.audioChunks().name(), chunk);
    }

    void sendRaw(byte[] key, byte[] value) {
        input.pipeInput(new TestRecord<>(key, value));
    }

    void advance(Duration wallClock) {
        driver.advanceWallClockTime(wallClock);
    }

    /** Advances wall-clock time in steps of {@code step}, so every punctuation in between fires. */
    void advance(Duration total, Duration step) {
        for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
            driver.advanceWallClockTime(step);
        }
    }

    List<SegmentScore> scores() {
        return scores.readValuesToList();
    }

    List<TrackGenre> trackGenres() {
        return trackGenres.readValuesToList();
    }

    List<StreamGenre> streamGenres() {
        return streamGenres.readValuesToList();
    }

    List<GenreChange> changes() {
        return changes.readValuesToList();
    }

    List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    /** The audio blocks the segment cutter holds, as (key, sample count) in key order. */
    Map<String, Integer> audioBlocks() {
        Map<String, Integer> blocks = new TreeMap<>();
        KeyValueStore<String, AudioBlock> store =
                driver.getKeyValueStore(GenreTopology.AUDIO_STORE);
        try (KeyValueIterator<String, AudioBlock> it = store.all()) {
            it.forEachRemaining(kv -> blocks.put(kv.key, kv.value.getPcm().remaining()
                    / (kv.value.getEncoding() == BlockEncoding.S16LE ? 2 : 4)));
        }
        return blocks;
    }

    /** How many times the topology counted {@code event}. */
    double count(PipelineMeters.Event event) {
        return registry.get(event.meterName()).counter().count();
    }

    @Override
    public void close() {
        driver.close();
    }
}
