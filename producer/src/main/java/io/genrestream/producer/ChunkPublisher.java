package io.genrestream.producer;

import io.genrestream.avro.AudioChunk;
import io.genrestream.serde.ConfluentAvroSerializer;
import io.genrestream.topics.GenreTopics;
import io.genrestream.topics.TopicCreator;
import io.genrestream.topics.TopicSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link AudioChunk}s to Kafka, keyed by stream id so all chunks of a stream land in one partition in order.
 *
 * <p>The producer is always idempotent with {@code acks=all}: retries after a lost acknowledgement never
 * duplicate or reorder a chunk. Values are written in the Confluent wire format by the schemas module's
 * serializer, which registers the schema with the registry. Sends are asynchronous and thread-safe; a failure is
 * kept and thrown by the next {@link #send} or {@link #flush}, so a caller learns of it at the latest when it
 * flushes.
 */
public final class ChunkPublisher implements AutoCloseable {

    /** Producer settings applied unless the client properties override them (throughput for 10-200 KB records). */
    public static final Map<String, Object> THROUGHPUT_DEFAULTS = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);

    /** Key of the registry URL in the serializer configuration (Confluent's name). */
    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";

    private static final Logger LOG = LoggerFactory.getLogger(ChunkPublisher.class);

    private final Producer<String, AudioChunk> producer;
    private final String topic;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong acknowledgedChunks = new AtomicLong();
    private final AtomicLong acknowledgedPcmBytes = new AtomicLong();

    private ChunkPublisher(Producer<String, AudioChunk> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Starts a builder; {@code setBootstrapServers} and {@code setSchemaRegistryUrl} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends one chunk asynchronously (key = its stream id).
     *
     * @throws ChunkPublishException if an earlier send failed
     */
    public void send(AudioChunk chunk) {
        throwIfFailed();
        int pcmBytes = chunk.getPcm().remaining();
        producer.send(new ProducerRecord<>(topic, chunk.getStreamId(), chunk), (metadata, exception) -> {
            if (exception == null) {
                acknowledgedChunks.incrementAndGet();
                acknowledgedPcmBytes.addAndGet(pcmBytes);
            } else if (firstFailure.compareAndSet(null, exception)) {
                LOG.error("could not send chunk {} of stream {} to {}: {}", chunk.getSequence(),
                        chunk.getStreamId(), topic, exception.toString());
            }
        });
    }

    /**
     * Waits until every chunk sent so far is acknowledged by the broker.
     *
     * @throws ChunkPublishException if any send failed
     */
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    /** Topic the chunks go to. */
    public String topic() {
        return topic;
    }

    /** Chunks the broker acknowledged so far. */
    public long acknowledgedChunks() {
        return acknowledgedChunks.get();
    }

    /** PCM payload bytes (without keys, headers and Avro framing) of the acknowledged chunks. */
    public long acknowledgedPcmBytes() {
        return acknowledgedPcmBytes.get();
    }

    /** The Kafka producer's metrics (record-send-rate, outgoing-byte-rate, request-latency-avg, ...). */
    public Map<MetricName, ? extends Metric> metrics() {
        return producer.metrics();
    }

    /** Flushes and closes the producer; a pending failure is not thrown here, call {@link #flush} first. */
    @Override
    public void close() {
        producer.close();
    }

    private void throwIfFailed() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new ChunkPublishException("sending audio chunks to topic " + topic + " failed: "
                    + failure.getMessage(), failure);
        }
    }

    /** Builder of {@link ChunkPublisher}: {@code setX} for required values, {@code optX} for optional ones. */
    public static final class Builder {
        private String bootstrapServers;
        private String schemaRegistryUrl;
        private String topic = GenreTopics.AUDIO_CHUNKS;
        private final Map<String, Object> clientProperties = new HashMap<>();
        private boolean ensureTopic = true;

        private Builder() {
        }

        /** Kafka bootstrap servers, {@code host:port[,host:port...]}. */
        public Builder setBootstrapServers(String bootstrapServers) {
            this.bootstrapServers = requireText(bootstrapServers, "bootstrap servers");
            return this;
        }

        /** Base URL of the Confluent-compatible schema registry. */
        public Builder setSchemaRegistryUrl(String schemaRegistryUrl) {
            this.schemaRegistryUrl = requireText(schemaRegistryUrl, "schema registry URL");
            return this;
        }

        /** Target topic (default {@code audio-chunks}). */
        public Builder optTopic(String topic) {
            this.topic = requireText(topic, "topic");
            return this;
        }

        /**
         * Client properties (a Confluent-style client file: {@code security.protocol}, {@code sasl.*},
         * {@code ssl.*}, {@code basic.auth.*}, producer tuning, serde settings). They go to both the Kafka
         * producer and the serializer; {@code enable.idempotence=true} and {@code acks=all} are always enforced.
         */
        public Builder optClientProperties(Map<?, ?> properties) {
            properties.forEach((key, value) -> clientProperties.put(String.valueOf(key), value));
            return this;
        }

        /**
         * Whether {@link #build} creates the topic when it is missing (default true), with the layout of the
         * schemas module's topic catalog ({@code genre.topics.*} properties apply). Brokers often disable
         * auto-creation; turn this off when the producer's principal may not create topics.
         */
        public Builder optEnsureTopic(boolean ensureTopic) {
            this.ensureTopic = ensureTopic;
            return this;
        }

        /** Creates the Kafka producer (and the topic, see {@link #optEnsureTopic}). */
        public ChunkPublisher build() {
            if (bootstrapServers == null) {
                throw new IllegalStateException("setBootstrapServers is required");
            }
            if (schemaRegistryUrl == null) {
                throw new IllegalStateException("setSchemaRegistryUrl is required");
            }
            Map<String, Object> config = new HashMap<>(THROUGHPUT_DEFAULTS);
            config.putAll(clientProperties);
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl);
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "genre-producer");

            if (ensureTopic) {
                ensureTopic(config);
            }
            ConfluentAvroSerializer<AudioChunk> valueSerializer = new ConfluentAvroSerializer<>();
            valueSerializer.configure(config, false);
            return new ChunkPublisher(new KafkaProducer<>(config, new StringSerializer(), valueSerializer), topic);
        }

        private void ensureTopic(Map<String, Object> config) {
            TopicSpec catalog = GenreTopics.specs(config).get(0);
            TopicSpec spec = new TopicSpec(topic, catalog.partitions(), catalog.replicationFactor(), catalog.configs());
            try (Admin admin = Admin.create(config)) {
                new TopicCreator(admin).ensure(List.of(spec));
            }
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }
    }
}
