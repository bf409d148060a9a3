package io.genrestream.testing;

import java.util.Objects;

/**
 * Where a test finds its Kafka broker and schema registry; injected by {@link KafkaStackExtension}.
 *
 * @param bootstrapServers  value for {@code bootstrap.servers}
 * @param schemaRegistryUrl value for {@code schema.registry.url} (a Confluent Schema Registry compatible API)
 * @param mode              what runs them
 */
public record StackEndpoints(String bootstrapServers, String schemaRegistryUrl, Mode mode) {

    /** What runs the broker and the registry. */
    public enum Mode {
        /** Testcontainers: an Apache Kafka container and a Confluent Schema Registry container. */
        DOCKER,
        /** {@link io.genrestream.stack.LocalStack}: a Kafka broker and an Apicurio Registry in child JVMs. */
        LOCAL
    }

    /** Checks that every value is present. */
    public StackEndpoints {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(mode, "mode");
    }
}
