package io.genrestream.serde;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;

/**
 * Reads a stream id record key written either way producers write string keys: plain UTF-8 (Kafka's
 * {@code StringSerializer}, as genre-producer does) or a Confluent-framed Avro string (Confluent's
 * {@code KafkaAvroSerializer} used for keys: magic byte 0, 4-byte schema id, zigzag-varint length, UTF-8 bytes). A
 * key starting with the magic byte 0 is read as the frame, with the writer schema fetched from the registry, and must
 * be an Avro string; any other key is plain UTF-8 (a UTF-8 id cannot start with byte 0 unless it starts with NUL).
 */
public final class StreamIdDeserializer implements Deserializer<String> {

    private final Deserializer<Object> framed;

    /** @param framed a generic (not specific) Confluent Avro deserializer for keys */
    public StreamIdDeserializer(Deserializer<Object> framed) {
        this.framed = framed;
    }

    @Override
    public String deserialize(String topic, byte[] key) {
        if (key == null) {
            return null;
        }
        if (key.length < ConfluentWireFormat.HEADER_LENGTH || key[0] != ConfluentWireFormat.MAGIC_BYTE) {
            return new String(key, StandardCharsets.UTF_8);
        }
        Object id = framed.deserialize(topic, key);
        if (!(id instanceof CharSequence text)) {
            throw new SerializationException("Confluent-framed record key on topic " + topic + " is a "
                    + (id == null ? "null" : id.getClass().getSimpleName()) + ", not an Avro string: a stream id key"
                    + " must be a string");
        }
        return text.toString();
    }
}
