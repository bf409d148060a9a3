package io.genrestream.producer;

import io.genrestream.avro.AudioChunk;
import io.genrestream.serde.ConfluentAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic back from the beginning with the schemas module's deserializer, grouped by key in offset order. */
final class ChunkReader {

    private static final Duration POLL = Duration.ofMillis(500);

    private ChunkReader() {
    }

    /** Polls until {@code expected} records arrived or {@code timeout} passed. */
    static Map<String, List<AudioChunk>> readByKey(String bootstrapServers, String registryUrl, String topic,
            int expected, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "producer-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        config.put("schema.registry.url", registryUrl);
        config.put("specific.avro.reader", true);
        ConfluentAvroDeserializer<AudioChunk> values = new ConfluentAvroDeserializer<>();
        values.configure(config, false);
        Map<String, List<AudioChunk>> byKey = new LinkedHashMap<>();
        int count = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, AudioChunk> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            while (count < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, AudioChunk> record : consumer.poll(POLL)) {
                    byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
                    count++;
                }
            }
            // One more poll: a producer bug that sent extra records (duplicates) must show up.
            for (ConsumerRecord<String, AudioChunk> record : consumer.poll(POLL)) {
                byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
            }
        }
        return byKey;
    }
}
