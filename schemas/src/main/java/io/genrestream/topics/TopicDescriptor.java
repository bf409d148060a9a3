package io.genrestream.topics;

import org.apache.kafka.common.serialization.Serde;

import java.util.Objects;

/**
 * A topic together with the serdes of its keys and values: everything a producer, consumer or topology needs to use
 * it. Immutable; built by {@link GenreTopics} and passed to whoever needs it.
 *
 * @param <K> key type
 * @param <V> value type
 */
public record TopicDescriptor<K, V>(TopicSpec spec, Serde<K> keySerde, Serde<V> valueSerde) {

    public TopicDescriptor {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** The topic's name. */
    public String name() {
        return spec.name();
    }
}
