package io.genrestream.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kafka {@link Serializer} writing Avro records (generated {@link SpecificRecord}s or GenericRecords) in Confluent's
 * wire format, with the schema id from a Confluent-API schema registry. Configured with Confluent's keys
 * ({@code schema.registry.url}, {@code auto.register.schemas}, {@code use.latest.version}, basic auth, TLS), so its
 * output is byte-identical to Confluent's {@code KafkaAvroSerializer}. Subjects follow TopicNameStrategy.
 *
 * @param <T> record type
 */
public class ConfluentAvroSerializer<T> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private AvroSerdeConfig settings;
    private boolean isKey;
    private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

    /** Serializer that creates its registry client from the configuration passed to {@link #configure}. */
    public ConfluentAvroSerializer() {
    }

    /** Serializer using the given registry client; {@link #configure} then reads only the serde settings. */
    public ConfluentAvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.settings = AvroSerdeConfig.from(configs, isKey);
        this.isKey = isKey;
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
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (settings == null) {
            throw new IllegalStateException("ConfluentAvroSerializer used before configure(): it needs at least "
                    + SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL);
        }
        if (!(data instanceof GenericContainer record)) {
            throw new SerializationException("ConfluentAvroSerializer writes Avro records only (SpecificRecord or GenericRecord), got "
                    + data.getClass().getName() + " for topic " + topic);
        }
        Schema schema = record.getSchema();
        String subject = AvroSerdeConfig.subject(topic, isKey);
        try {
            if (settings.useLatestVersion()) {
                RegisteredSchema latest = registry.getLatest(subject);
                if (latest.schema().equals(schema)) {
                    return ConfluentWireFormat.frame(latest.id(), encode(schema, record));
                }
                return ConfluentWireFormat.frame(latest.id(), encode(latest.schema(), projectOnto(latest, schema, record)));
            }
            int id = settings.autoRegisterSchemas() ? registry.register(subject, schema) : registry.lookupId(subject, schema);
            return ConfluentWireFormat.frame(id, encode(schema, record));
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot get a schema id for " + schema.getFullName() + " under subject " + subject
                    + " from schema registry " + registry.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * With use.latest.version the record is written with the subject's latest schema: it is resolved from its own
     * schema into the latest one by Avro schema resolution, which the latest schema must allow.
     */
    private Object projectOnto(RegisteredSchema latest, Schema own, GenericContainer record) {
        SchemaCompatibility.SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(latest.schema(), own);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("use.latest.version: latest schema id " + latest.id() + " (version " + latest.version()
                    + ") of subject " + latest.subject() + " cannot represent a " + own.getFullName() + " record: "
                    + compatibility.getResult().getIncompatibilities());
        }
        try {
            return new GenericDatumReader<>(own, latest.schema(), GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(encode(own, record), null));
        } catch (IOException e) {
            throw new SerializationException("Cannot resolve a " + own.getFullName() + " record into schema id " + latest.id(), e);
        }
    }

    private byte[] encode(Schema schema, Object record) {
        DatumWriter<Object> writer = record instanceof SpecificRecord
                ? specificWriters.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)))
                : genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + schema.getFullName() + " record as Avro: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        // Nothing to release: the HTTP client's connections close when idle.
    }
}
