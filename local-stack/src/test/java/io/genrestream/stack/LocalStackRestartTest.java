package io.genrestream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A stack started again on its data directory keeps everything: cluster id, topic, every record once, committed group
 * offsets, and the registry's schemas under the same ids. Without keepData a start begins afresh.
 */
class LocalStackRestartTest {

    private static final String TOPIC = "kept";
    private static final String GROUP = "reader";
    private static final String SUBJECT = "kept-value";
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Kept\",\"namespace\":\"io.genrestream.test\","
            + "\"fields\":[{\"name\":\"n\",\"type\":\"long\"}]}";
    private static final List<String> VALUES = List.of("v0", "v1", "v2", "v3", "v4");
    private static final Path DIR = Path.of("target", "stack-tests", LocalStackRestartTest.class.getSimpleName());

    @Test
    void aStackStartedAgainOnItsDataKeepsRecordsOffsetsAndSchemaIds() throws Exception {
        String clusterId;
        int schemaId;
        try (LocalStack first = stack(false)) {
            clusterId = clusterId(first);
            try (Admin admin = admin(first)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produce(first, VALUES);
            commitOffset(first, 3);
            schemaId = new RegistryClient(first.schemaRegistryUrl()).register(SUBJECT, SCHEMA);
        }

        try (LocalStack second = stack(true)) {
            assertThat(clusterId(second)).as("same cluster").isEqualTo(clusterId);
            assertThat(readAll(second)).as("every record once, in order").isEqualTo(VALUES);
            assertThat(committedOffset(second)).isEqualTo(3);
            RegistryClient registry = new RegistryClient(second.schemaRegistryUrl());
            assertThat(RegistryClient.parse(registry.schema(schemaId))).isEqualTo(RegistryClient.parse(SCHEMA));
            assertThat(registry.register(SUBJECT, SCHEMA)).as("same schema, same id").isEqualTo(schemaId);
        }

        try (LocalStack fresh = stack(false)) {
            assertThat(clusterId(fresh)).as("formatted afresh").isNotEqualTo(clusterId);
            try (Admin admin = admin(fresh)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(TOPIC);
            }
            RegistryClient registry = new RegistryClient(fresh.schemaRegistryUrl());
            assertThatThrownBy(() -> registry.schema(schemaId)).isInstanceOf(IOException.class)
                    .hasMessageContaining("404");
        }
    }

    private static LocalStack stack(boolean keepData) {
        return LocalStack.builder().optDataDirectory(DIR).optCacheDirectory(DIR.resolveSibling("cache"))
                .optKeepData(keepData).build().start();
    }

    private static Admin admin(LocalStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }

    private static String clusterId(LocalStack stack) throws Exception {
        try (Admin admin = admin(stack)) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(LocalStack stack, List<String> values) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(TOPIC, "key", value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static KafkaConsumer<String, String> consumer(LocalStack stack) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static void commitOffset(LocalStack stack, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer(stack)) {
            consumer.commitSync(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(offset)));
        }
    }

    private static long committedOffset(LocalStack stack) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaConsumer<String, String> consumer = consumer(stack)) {
            return consumer.committed(Set.of(partition), Duration.ofSeconds(30)).get(partition).offset();
        }
    }

    /** Every record of the topic, from the beginning to its end offset. */
    private static List<String> readAll(LocalStack stack) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(stack)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
