package io.genrestream.serde;

import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.StreamKind;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Wire format of the serdes, checked against hand-built frames; the registry is an in-memory test double here. */
class ConfluentAvroSerdeTest {

    private static final String TOPIC = "audio-chunks";
    private static final int FIRST_ID = 0x01020304;
    private static final Map<String, Object> CONFIG = Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "http://unused.invalid:8081");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(FIRST_ID);

    @Test
    void serializedBytesAreTheConfluentFrameOfAPlainDatumWriter() throws IOException {
        AudioChunk chunk = TestRecords.audioChunk("s-1", 7);
        ConfluentAvroSerializer<AudioChunk> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(CONFIG, false);

        byte[] actual = serializer.serialize(TOPIC, chunk);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(expected);
        header.writeByte(0);
        header.writeInt(FIRST_ID); // DataOutputStream writes big-endian
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
        new SpecificDatumWriter<>(AudioChunk.class).write(chunk, encoder);
        encoder.flush();
        assertThat(actual).isEqualTo(expected.toByteArray());
        assertThat(Arrays.copyOf(actual, 5)).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
        assertThat(registry.getLatest("audio-chunks-value").schema()).isEqualTo(AudioChunk.getClassSchema());
    }

    @Test
    void keySchemasGoUnderTheKeySubject() {
        ConfluentAvroSerializer<AudioChunk> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(CONFIG, true);
        serializer.serialize(TOPIC, TestRecords.audioChunk("s-1", 0));
        assertThat(registry.getLatest("audio-chunks-key").id()).isEqualTo(FIRST_ID);
    }

    @Test
    void specificSerdeRoundTripsAndGenericReaderGivesGenericRecords() {
        AudioChunk chunk = TestRecords.audioChunk("s-2", 3);
        ConfluentAvroSerde<AudioChunk> serde = new ConfluentAvroSerde<>(registry);
        serde.configure(CONFIG, false);
        byte[] bytes = serde.serializer().serialize(TOPIC, chunk);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(chunk);

        ConfluentAvroDeserializer<Object> generic = new ConfluentAvroDeserializer<>(registry);
        generic.configure(CONFIG, false);
        Object value = generic.deserialize(TOPIC, bytes);
        assertThat(value).isInstanceOf(GenericRecord.class).isNotInstanceOf(AudioChunk.class);
        assertThat(((GenericRecord) value).get("streamId").toString()).isEqualTo("s-2");
        assertThat(((GenericRecord) value).get("producedAtMs")).isEqualTo(1_763_000_000_123L);
    }

    @Test
    void nullIsATombstoneBothWays() {
        ConfluentAvroSerde<AudioChunk> serde = new ConfluentAvroSerde<>(registry);
        serde.configure(CONFIG, false);
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void wrongMagicByteIsNamed() {
        byte[] bytes = validFrame();
        bytes[0] = 0x7b; // '{' as in a JSON payload
        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining(TOPIC);
    }

    @Test
    void unknownSchemaIdIsNamedWithTheRegistry() {
        byte[] bytes = validFrame();
        bytes[4] = 0x63; // id 0x01020363 was never registered
        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id " + 0x01020363)
                .hasMessageContaining("in-memory test registry");
    }

    @Test
    void payloadShorterThanTheHeaderIsTruncated() {
        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, new byte[] {0, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Truncated payload")
                .hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void truncatedAvroBodyIsReportedWithItsLength() {
        byte[] full = validFrame();
        byte[] cut = Arrays.copyOf(full, full.length - 6);
        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, cut))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining((cut.length - 5) + "-byte Avro body")
                .hasMessageContaining("truncated");
    }

    @Test
    void bytesLeftAfterTheRecordAreRejected() {
        byte[] full = validFrame();
        byte[] longer = Arrays.copyOf(full, full.length + 2);
        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("left over");
    }

    @Test
    void nonAvroValuesAreRefused() {
        ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(CONFIG, false);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, "plain string"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaFails() {
        ConfluentAvroSerializer<AudioChunk> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "http://unused.invalid",
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, TestRecords.audioChunk("s", 0)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject audio-chunks-value");

        int id = registry.register("audio-chunks-value", AudioChunk.getClassSchema());
        assertThat(serializer.serialize(TOPIC, TestRecords.audioChunk("s", 0))).startsWith(0, 1, 2, 3, 4);
        assertThat(id).isEqualTo(FIRST_ID);
    }

    @Test
    void useLatestVersionWritesWithTheLatestSchemaByResolution() throws IOException {
        Schema older = olderAudioChunkSchema();
        int olderId = registry.register("audio-chunks-value", older);
        ConfluentAvroSerializer<AudioChunk> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "http://unused.invalid",
                AvroSerdeConfig.USE_LATEST_VERSION, true, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

        byte[] bytes = serializer.serialize(TOPIC, TestRecords.audioChunk("s-9", 4));

        assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 1, 2, 3, 4);
        ConfluentAvroDeserializer<GenericRecord> generic = new ConfluentAvroDeserializer<>(registry);
        generic.configure(CONFIG, false);
        GenericRecord read = generic.deserialize(TOPIC, bytes);
        assertThat(read.getSchema()).isEqualTo(older);
        assertThat(read.get("sequence")).isEqualTo(4L);
        assertThat(olderId).isEqualTo(FIRST_ID);
        // and the current class still reads it, with the default for the fields the old schema lacks
        AudioChunk chunk = specificDeserializer().deserialize(TOPIC, bytes);
        assertThat(chunk.getKind()).isEqualTo(StreamKind.TRACK);
        assertThat(chunk.getSource()).isNull();
    }

    @Test
    void genericRecordsAreSerializedWithTheirOwnSchema() throws IOException {
        Schema older = olderAudioChunkSchema();
        GenericRecord record = new GenericData.Record(older);
        record.put("streamId", "g-1");
        record.put("sequence", 0L);
        record.put("sampleRate", 44_100);
        record.put("channels", 1);
        record.put("sampleFormat", new GenericData.EnumSymbol(older.getField("sampleFormat").schema(), "PCM_F32LE"));
        record.put("pcm", java.nio.ByteBuffer.wrap(new byte[4]));
        record.put("endOfTrack", true);
        record.put("producedAtMs", 5L);
        ConfluentAvroSerializer<GenericRecord> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(CONFIG, false);

        AudioChunk chunk = specificDeserializer().deserialize(TOPIC, serializer.serialize(TOPIC, record));

        assertThat(chunk.getStreamId()).isEqualTo("g-1");
        assertThat(chunk.getEndOfTrack()).isTrue();
        assertThat(chunk.getKind()).isEqualTo(StreamKind.TRACK);
    }

    @Test
    void usingAnUnconfiguredSerializerFailsClearly() {
        assertThatThrownBy(() -> new ConfluentAvroSerializer<AudioChunk>().serialize(TOPIC, TestRecords.audioChunk("s", 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema.registry.url");
    }

    static Schema olderAudioChunkSchema() throws IOException {
        try (InputStream in = ConfluentAvroSerdeTest.class.getResourceAsStream("/evolution/AudioChunk-v0.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    private byte[] validFrame() {
        ConfluentAvroSerializer<AudioChunk> serializer = new ConfluentAvroSerializer<>(registry);
        serializer.configure(CONFIG, false);
        return serializer.serialize(TOPIC, TestRecords.audioChunk("s-1", 1));
    }

    private ConfluentAvroDeserializer<AudioChunk> specificDeserializer() {
        ConfluentAvroDeserializer<AudioChunk> deserializer = new ConfluentAvroDeserializer<>(registry);
        deserializer.configure(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "http://unused.invalid",
                AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);
        return deserializer;
    }
}
