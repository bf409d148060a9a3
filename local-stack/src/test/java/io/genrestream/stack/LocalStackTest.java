package io.genrestream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One real stack for the class: Kafka round trip, registry round trip, and the clear errors. */
class LocalStackTest {

    private static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = TestStacks.builder(LocalStackTest.class).build().start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void endpointsAreOnLoopbackAndLogsInTheDataDirectory() {
        assertThat(stack.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(stack.schemaRegistryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
        assertThat(stack.dataDirectory().resolve("kafka/broker.log")).isNotEmptyFile();
        assertThat(stack.dataDirectory().resolve("registry/registry.log")).isNotEmptyFile();
        assertThat(stack.processes()).hasSize(2).allMatch(ProcessHandle::isAlive);
    }

    @Test
    void recordProducedIsConsumedBack() throws Exception {
        String topic = "round-trip";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd"); // the broker needs the codec jars too
        RecordMetadata written;
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            written = producer.send(new ProducerRecord<>(topic, "track-1", "chunk-0")).get(30, TimeUnit.SECONDS);
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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read == null && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                read = records.isEmpty() ? null : records.iterator().next();
            }
            assertThat(read).as("record read back from %s", topic).isNotNull();
            assertThat(read.key()).isEqualTo("track-1");
            assertThat(read.value()).isEqualTo("chunk-0");
        }
    }

    @Test
    void registryRegistersAndReturnsSchemas() throws Exception {
        RegistryClient registry = new RegistryClient(stack.schemaRegistryUrl());
        String schema = "{\"type\":\"record\",\"name\":\"Chunk\",\"namespace\":\"io.genrestream.test\","
                + "\"fields\":[{\"name\":\"trackId\",\"type\":\"string\"},{\"name\":\"seq\",\"type\":\"long\"}]}";

        int id = registry.register("chunks-value", schema);
        int again = registry.register("chunks-value", schema);

        assertThat(id).isPositive();
        assertThat(again).as("same schema, same subject: same id").isEqualTo(id);
        assertThat(RegistryClient.parse(registry.schema(id))).isEqualTo(RegistryClient.parse(schema));
    }

    @Test
    void startingTwiceFails() {
        assertThatThrownBy(stack::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already started");
    }

    @Test
    void secondStackOnTheSameDataDirectoryFailsClearly() {
        LocalStack second = LocalStack.builder().optDataDirectory(stack.dataDirectory()).build();

        assertThatThrownBy(second::start).isInstanceOf(LocalStackException.class)
                .hasMessageContaining("already running with data directory " + stack.dataDirectory());
    }

    @Test
    void busyPortFailsClearly() throws Exception {
        int brokerPort = Integer.parseInt(stack.bootstrapServers().split(":")[1]);
        int registryPort = URI.create(stack.schemaRegistryUrl()).getPort();
        LocalStack onBusyBrokerPort = TestStacks.builder(LocalStackTest.class)
                .optDataDirectory(Files.createTempDirectory("busy-broker-port")).optBrokerPort(brokerPort).build();
        LocalStack onBusyRegistryPort = TestStacks.builder(LocalStackTest.class)
                .optDataDirectory(Files.createTempDirectory("busy-registry-port")).optRegistryPort(registryPort).build();

        assertThatThrownBy(onBusyBrokerPort::start).isInstanceOf(LocalStackException.class)
                .hasMessageContaining("Kafka broker port 127.0.0.1:" + brokerPort + " is already in use");
        assertThatThrownBy(onBusyRegistryPort::start).isInstanceOf(LocalStackException.class)
                .hasMessageContaining("Schema registry port 127.0.0.1:" + registryPort + " is already in use");
    }
}
