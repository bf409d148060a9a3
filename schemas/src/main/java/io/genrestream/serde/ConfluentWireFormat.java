package io.genrestream.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.nio.ByteBuffer;

/**
 * Confluent's wire format: magic byte 0, the writer schema's registry id as a 4-byte big-endian int, then the Avro
 * binary encoding of the record.
 */
public final class ConfluentWireFormat {

    /** First byte of every framed record. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Magic byte plus schema id. */
    public static final int HEADER_LENGTH = 1 + Integer.BYTES;

    private ConfluentWireFormat() {
    }

    /** Prepends the header for {@code schemaId} to an Avro body. */
    public static byte[] frame(int schemaId, byte[] avroBody) {
        return ByteBuffer.allocate(HEADER_LENGTH + avroBody.length).put(MAGIC_BYTE).putInt(schemaId).put(avroBody).array();
    }

    /**
     * Reads the header of a framed record.
     *
     * @throws SerializationException when the payload is shorter than the header or does not start with the magic byte
     */
    public static int schemaId(String topic, byte[] payload) {
        if (payload.length < HEADER_LENGTH) {
            throw new SerializationException("Truncated payload on topic " + topic + ": " + payload.length
                    + " bytes, but a Confluent frame needs at least " + HEADER_LENGTH + " (magic byte + 4-byte schema id)");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Unknown magic byte 0x%02x on topic %s: a Confluent-framed record starts with 0x00 (payload of %d bytes)",
                    payload[0] & 0xff, topic, payload.length));
        }
        return ByteBuffer.wrap(payload, 1, Integer.BYTES).getInt();
    }
}
