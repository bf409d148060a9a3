package io.genrestream.topics;

import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamKind;
import io.genrestream.serde.RestSchemaRegistryClient;
import io.genrestream.serde.SchemaRegistryClientConfig;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The topic catalog, the topic creator and the serdes against a real Kafka broker and a real schema registry. */
@WithKafkaStack
class CatalogKafkaIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void creatorCreatesTheCatalogOnceAndAcceptsItAgain(StackEndpoints stack) throws Exception {
        Map<String, Object> config = catalogConfig(stack, "create");
        List<TopicSpec> specs = GenreTopics.specs(config);
        try (Admin admin = admin(stack)) {
            TopicCreator creator = new TopicCreator(admin, TIMEOUT);

            TopicCreator.Outcome first = creator.ensure(specs);
            TopicCreator.Outcome second = creator.ensure(specs);

            List<String> names = specs.stream().map(TopicSpec::name).toList();
            assertThat(first.created()).containsExactlyElementsOf(names);
            assertThat(first.existing()).isEmpty();
            assertThat(second.created()).isEmpty();
            assertThat(second.existing()).containsExactlyElementsOf(names);

            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            assertThat(described.get(names.get(0)).partitions()).hasSize(2);
            String trackGenres = specs.get(2).name();
            Config trackGenresConfig = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, trackGenres)))
                    .all().get().values().iterator().next();
            assertThat(trackGenresConfig.get("cleanup.policy").value()).isEqualTo("compact");
            Config audioConfig = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, names.get(0))))
                    .all().get().values().iterator().next();
            assertThat(audioConfig.get("retention.ms").value()).isEqualTo(Long.toString(GenreTopics.AUDIO_RETENTION.toMillis()));
        }
    }

    @Test
    void creatorRefusesAnExistingTopicWithOtherPartitions(StackEndpoints stack) {
        String name = "mismatch-" + UUID.randomUUID();
        try (Admin admin = admin(stack)) {
            TopicCreator creator = new TopicCreator(admin, TIMEOUT);
            creator.ensure(List.of(new TopicSpec(name, 1, (short) 1, Map.of())));

            assertThatThrownBy(() -> creator.ensure(List.of(new TopicSpec(name, 4, (short) 1, Map.of()))))
                    .isInstanceOf(TopicSetupException.class)
                    .hasMessageContaining(name + " has 1 partitions, expected 4");
        }
    }

    @Test
    void audioChunkOnTheBrokerIsAConfluentFrameWithTheRegistryId(StackEndpoints stack) throws Exception {
        Map<String, Object> config = catalogConfig(stack, "wire");
        GenreTopics topics = new GenreTopics(config);
        TopicDescriptor<String, AudioChunk> audio = topics.audioChunks();
        try (Admin admin = admin(stack)) {
            new TopicCreator(admin, TIMEOUT).ensure(List.of(audio.spec()));
        }
        AudioChunk chunk = AudioChunk.newBuilder()
                .setStreamId("stream-7").setSequence(0).setSampleRate(44_100).setChannels(1).setSampleFormat(SampleFormat.PCM_S16LE)
                .setPcm(ByteBuffer.wrap(new byte[] {0, 1, 2, 3})).setEndOfTrack(false).setKind(StreamKind.TRACK)
                .setProducedAtMs(Instant.ofEpochMilli(1_763_000_000_000L))
                .setSource(SourceMetadata.newBuilder().setStation("Test FM").build())
                .build();

        RecordMetadata written;
        try (KafkaProducer<String, AudioChunk> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                audio.keySerde().serializer(), audio.valueSerde().serializer())) {
            written = producer.send(new ProducerRecord<>(audio.name(), chunk.getStreamId(), chunk)).get();
        }

        ConsumerRecord<byte[], byte[]> raw = readOne(stack, written, new ByteArrayDeserializer());
        int registryId = RestSchemaRegistryClient.fromConfig(config).getLatest(audio.name() + "-value").id();
        byte[] value = raw.value();
        assertThat(value[0]).as("magic byte").isZero();
        assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).as("schema id after the magic byte").isEqualTo(registryId);
        assertThat(new String(raw.key())).isEqualTo("stream-7");
        assertThat(audio.valueSerde().deserializer().deserialize(audio.name(), value)).isEqualTo(chunk);
    }

    private static ConsumerRecord<byte[], byte[]> readOne(StackEndpoints stack, RecordMetadata written, ByteArrayDeserializer bytes) {
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                bytes, new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            assertThat(records).as("record written at %s", written).isNotEmpty();
            return records.get(0);
        }
    }

    /** Catalog with unique topic names, 2 partitions and replication 1, and the stack's registry. */
    private static Map<String, Object> catalogConfig(StackEndpoints stack, String prefix) {
        String unique = prefix + "-" + UUID.randomUUID() + "-";
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        config.put(GenreTopics.PARTITIONS, 2);
        config.put(GenreTopics.REPLICATION_FACTOR, 1);
        for (String id : List.of(GenreTopics.AUDIO_CHUNKS, GenreTopics.SEGMENT_SCORES, GenreTopics.TRACK_GENRES, GenreTopics.STREAM_GENRES,
                GenreTopics.GENRE_CHANGES, GenreTopics.DEAD_LETTERS)) {
            config.put(GenreTopics.PREFIX + id + ".name", unique + id);
        }
        return config;
    }

    private static Admin admin(StackEndpoints stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }
}
