package io.genrestream.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.HashMap;
import java.util.Map;

/**
 * Serde for generated Avro classes in Confluent's wire format: the counterpart of Confluent's
 * {@code io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde}, configured with the same keys. It always reads
 * into generated classes ({@code specific.avro.reader} is forced to true). Serializer and deserializer share one
 * registry client, so schema ids learnt by one are cached for the other.
 *
 * @param <T> generated record type
 */
public class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final SchemaRegistryClient injectedRegistry;
    private final ConfluentAvroSerializer<T> serializer;
    private final ConfluentAvroDeserializer<T> deserializer;

    /** Serde that creates its registry client from the configuration passed to {@link #configure}. */
    public ConfluentAvroSerde() {
        this(null);
    }

    /** Serde using the given registry client. */
    public ConfluentAvroSerde(SchemaRegistryClient registry) {
        this.injectedRegistry = registry;
        this.serializer = new ConfluentAvroSerializer<>(registry);
        this.deserializer = new ConfluentAvroDeserializer<>(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> specific = new HashMap<>(configs);
        specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        SchemaRegistryClient registry = injectedRegistry != null ? injectedRegistry : RestSchemaRegistryClient.fromConfig(specific);
        serializer.configure(specific, isKey, registry);
        deserializer.configure(specific, isKey, registry);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
