package io.genrestream.topics;

import java.util.Map;
import java.util.Objects;

/**
 * What a topic must look like: name, partition count, replication factor and topic-level configs
 * (e.g. {@code retention.ms}, {@code cleanup.policy}). Immutable.
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topic " + name + ": replication factor must be at least 1, got " + replicationFactor);
        }
        configs = Map.copyOf(configs);
    }
}
