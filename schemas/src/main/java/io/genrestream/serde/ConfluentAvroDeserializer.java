package io.genrestream.serde;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kafka {@link Deserializer} for Avro records in Confluent's wire format. The writer schema is fetched from the
 * registry by the id in the frame (cached) and the data is read into the reader schema by Avro schema resolution, so
 * records written with an older compatible schema stay readable. With {@code specific.avro.reader=true} the reader
 * schema is that of the generated class named like the writer schema; otherwise records come out as GenericRecords
 * in the writer schema.
 *
 * @param <T> record type
 */
public class ConfluentAvroDeserializer<T> implements Deserializer<T> {

    private SchemaRegistryClient registry;
    private AvroSerdeConfig settings;
    private final Map<Integer, DatumReader<Object>> readersById = new ConcurrentHashMap<>();

    /** Deserializer that creates its registry client from the configuration passed to {@link #configure}. */
    public ConfluentAvroDeserializer() {
    }

    /** Deserializer using the given registry client; {@link #configure} then reads only the serde settings. */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.settings = AvroSerdeConfig.from(configs, isKey);
        if (registry == null) {
            registry = RestSchemaRegistryClient.fromConfig(configs);
        }
    }

    /** Used by {@link ConfluentAvroSerde} so its serializer and deserializer share one registry client and cache. */
    void configure(Map<String, ?> configs, boolean isKey, SchemaRegistryClient sharedRegistry) {
        if (registry == null) {
            registry = sharedRegistry;
        }
        configure(configs, isKey);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (settings == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer used before configure(): it needs at least "
                    + SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL);
        }
        int id = ConfluentWireFormat.schemaId(topic, data);
        DatumReader<Object> reader = readersById.computeIfAbsent(id, i -> readerFor(topic, i));
        int bodyLength = data.length - ConfluentWireFormat.HEADER_LENGTH;
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_LENGTH, bodyLength, null);
        try {
            Object value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("Payload on topic " + topic + " has bytes left over after the Avro record of schema id "
                        + id + " (" + data.length + " bytes in all): not written with that schema");
            }
            return (T) value;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new SerializationException("Cannot decode the " + bodyLength + "-byte Avro body on topic " + topic + " with writer schema id "
                    + id + " (" + registry.getById(id).getFullName() + "): truncated or not written with that schema (" + e + ")", e);
        }
    }

    private DatumReader<Object> readerFor(String topic, int id) {
        Schema writer;
        try {
            writer = registry.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SerializationException("Unknown schema id " + id + " in a record on topic " + topic + ": schema registry "
                        + registry.describe() + " has no schema with that id (" + e.getMessage() + ")", e);
            }
            throw new SerializationException("Cannot fetch writer schema id " + id + " for a record on topic " + topic
                    + " from schema registry " + registry.describe() + ": " + e.getMessage(), e);
        }
        if (!settings.specificAvroReader()) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        Class<?> generated = SpecificData.get().getClass(writer);
        if (generated == null) {
            throw new SerializationException("specific.avro.reader=true but no generated class " + writer.getFullName()
                    + " (writer schema id " + id + ", topic " + topic + ") is on the classpath");
        }
        SpecificData model = SpecificData.getForClass(generated);
        return new SpecificDatumReader<>(writer, model.getSchema(generated), model);
    }

    @Override
    public void close() {
        // Nothing to release: the HTTP client's connections close when idle.
    }
}
