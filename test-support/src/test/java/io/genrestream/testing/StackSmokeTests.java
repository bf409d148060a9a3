package io.genrestream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.genrestream.stack.RegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The same smoke checks in every mode: a Kafka round trip and a schema registry round trip. */
abstract class StackSmokeTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void recordProducedIsConsumedBack(StackEndpoints stack) throws Exception {
        String topic = "smoke-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        RecordMetadata written;
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            written = producer.send(new ProducerRecord<>(topic, "track-7", "segment-3"))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, written.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            ConsumerRecord<String, String> read = null;
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (read == null && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                read = records.isEmpty() ? null : records.iterator().next();
            }
            assertThat(read).as("record read back from %s", topic).isNotNull();
            assertThat(read.key()).isEqualTo("track-7");
            assertThat(read.value()).isEqualTo("segment-3");
        }
    }

    @Test
    void schemaIsRegisteredAndFetchedById(StackEndpoints stack) throws Exception {
        RegistryClient registry = new RegistryClient(stack.schemaRegistryUrl());
        String subject = "smoke-" + UUID.randomUUID() + "-value";
        String schema = "{\"type\":\"record\",\"name\":\"Verdict\",\"namespace\":\"io.genrestream.test\","
                + "\"fields\":[{\"name\":\"trackId\",\"type\":\"string\"},{\"name\":\"genre\",\"type\":\"string\"}]}";

        int id = registry.register(subject, schema);

        assertThat(id).isPositive();
        assertThat(registry.register(subject, schema)).as("registering again returns the same id").isEqualTo(id);
        assertThat(RegistryClient.parse(registry.schema(id))).isEqualTo(RegistryClient.parse(schema));
    }
}
