package io.genrestream.producer.cli;

import io.genrestream.producer.ChunkPublisher;
import io.genrestream.topics.GenreTopics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every command shares: where Kafka and the registry are, client properties, topic, chunking, pacing. */
public final class ConnectionOptions {

    /** Shortest chunk accepted, in milliseconds. */
    public static final int MIN_CHUNK_MS = 10;
    /** Longest chunk accepted, in milliseconds (keeps records well under Kafka's request size limits). */
    public static final int MAX_CHUNK_MS = 10_000;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Confluent-compatible schema registry (default: $SCHEMA_REGISTRY_URL or ${DEFAULT-VALUE}).")
    private String schemaRegistryUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Confluent-style client properties (security.protocol, sasl.*, ssl.*, basic.auth.*, "
                    + "producer tuning), passed to the Kafka producer and the Avro serializer.")
    private Path configFile;

    @Option(names = "--topic", defaultValue = GenreTopics.AUDIO_CHUNKS,
            description = "Topic of the audio chunks (default: ${DEFAULT-VALUE}).")
    private String topic;

    private int chunkMs = 500;

    @Option(names = "--realtime", description = "Send at playback speed instead of as fast as possible.")
    private boolean realtime;

    @Option(names = "--no-create-topic", negatable = false,
            description = "Do not create the topic when it is missing (for principals without create rights).")
    private boolean noCreateTopic;

    @Option(names = "--chunk-ms", paramLabel = "MS", defaultValue = "500",
            description = "Play time of one chunk in milliseconds, " + MIN_CHUNK_MS + ".." + MAX_CHUNK_MS
                    + " (default: ${DEFAULT-VALUE}).")
    void setChunkMs(int value) {
        if (value < MIN_CHUNK_MS || value > MAX_CHUNK_MS) {
            throw new ParameterException(mixee.commandLine(), "--chunk-ms must be between " + MIN_CHUNK_MS
                    + " and " + MAX_CHUNK_MS + ", got " + value);
        }
        chunkMs = value;
    }

    /** Chunk play time. */
    public Duration chunkDuration() {
        return Duration.ofMillis(chunkMs);
    }

    /** Whether to pace to playback speed. */
    public boolean realtime() {
        return realtime;
    }

    /** Creates the publisher (and the topic, unless told not to). */
    public ChunkPublisher openPublisher() {
        return ChunkPublisher.builder()
                .setBootstrapServers(bootstrapServers)
                .setSchemaRegistryUrl(schemaRegistryUrl)
                .optTopic(topic)
                .optClientProperties(clientProperties())
                .optEnsureTopic(!noCreateTopic)
                .build();
    }

    private Properties clientProperties() {
        Properties properties = new Properties();
        if (configFile == null) {
            return properties;
        }
        if (!Files.isReadable(configFile)) {
            throw new ParameterException(mixee.commandLine(), "--config file not found or not readable: " + configFile);
        }
        try (Reader reader = Files.newBufferedReader(configFile)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ParameterException(mixee.commandLine(), "cannot read --config " + configFile + ": " + e.getMessage());
        }
        return properties;
    }
}
