package io.genrestream.serde;

import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.StreamKind;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST client and the serdes against a real schema registry (Confluent API of the local stack's registry). */
@WithKafkaStack
class RegistryIntegrationTest {

    @Test
    void everyRecordTypeRoundTripsThroughTheRegistry(StackEndpoints stack) {
        RestSchemaRegistryClient registry = RestSchemaRegistryClient.fromConfig(config(stack));
        for (SpecificRecord record : SampleRecords.all()) {
            String topic = uniqueTopic(record.getSchema().getName());
            ConfluentAvroSerde<SpecificRecord> serde = new ConfluentAvroSerde<>();
            serde.configure(config(stack), false);

            byte[] bytes = serde.serializer().serialize(topic, record);

            RegisteredSchema latest = registry.getLatest(topic + "-value");
            assertThat(latest.schema()).isEqualTo(record.getSchema());
            assertThat(ByteBuffer.wrap(bytes).get()).isZero();
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("schema id in the frame").isEqualTo(latest.id());
            // a fresh serde knows nothing: it must fetch the writer schema by id from the registry
            ConfluentAvroSerde<SpecificRecord> reader = new ConfluentAvroSerde<>();
            reader.configure(config(stack), false);
            assertThat(reader.deserializer().deserialize(topic, bytes)).isEqualTo(record);
        }
    }

    @Test
    void clientRegistersLooksUpAndFetches(StackEndpoints stack) {
        RestSchemaRegistryClient registry = RestSchemaRegistryClient.fromConfig(config(stack));
        String subject = uniqueTopic("client") + "-value";

        int id = registry.register(subject, AudioChunk.getClassSchema());

        RestSchemaRegistryClient fresh = RestSchemaRegistryClient.fromConfig(config(stack));
        assertThat(fresh.lookupId(subject, AudioChunk.getClassSchema())).isEqualTo(id);
        assertThat(fresh.getById(id)).isEqualTo(AudioChunk.getClassSchema());
        RegisteredSchema latest = fresh.getLatest(subject);
        assertThat(latest.id()).isEqualTo(id);
        assertThat(latest.version()).isEqualTo(1);
        assertThat(latest.subject()).isEqualTo(subject);
    }

    /**
     * No thread of the client outlives its calls in native code: a Java 17 {@code java.net.http.HttpClient} keeps a
     * selector thread in epoll for good, and the JVM's exit waits 300 ms for such a thread, at every restart of the app.
     */
    @Test
    void theClientLeavesNoSelectorThreadBehind(StackEndpoints stack) {
        long before = selectorThreads();
        RestSchemaRegistryClient registry = RestSchemaRegistryClient.fromConfig(config(stack));
        registry.register(uniqueTopic("threads") + "-value", AudioChunk.getClassSchema());
        assertThat(selectorThreads()).isEqualTo(before);
    }

    private static long selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager")).count();
    }

    @Test
    void registryErrorsCarryStatusAndErrorCode(StackEndpoints stack) {
        RestSchemaRegistryClient registry = RestSchemaRegistryClient.fromConfig(config(stack));
        int unknownId = 987_654;

        assertThatThrownBy(() -> registry.getById(unknownId))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.isNotFound()).isTrue();
                })
                .hasMessageContaining("HTTP 404").hasMessageContaining("40403").hasMessageContaining("/schemas/ids/" + unknownId);
        assertThatThrownBy(() -> registry.getLatest(uniqueTopic("missing") + "-value"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> registry.lookupId(uniqueTopic("missing") + "-value", AudioChunk.getClassSchema()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void deserializerNamesAnUnknownSchemaIdAndTheRegistry(StackEndpoints stack) {
        ConfluentAvroSerde<AudioChunk> serde = new ConfluentAvroSerde<>();
        serde.configure(config(stack), false);
        byte[] frame = ConfluentWireFormat.frame(876_543, new byte[] {2, 65});

        assertThatThrownBy(() -> serde.deserializer().deserialize("any-topic", frame))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 876543")
                .hasMessageContaining(stack.schemaRegistryUrl());
    }

    @Test
    void incompatibleSchemaIsRefusedByABackwardSubject(StackEndpoints stack) throws Exception {
        RestSchemaRegistryClient registry = RestSchemaRegistryClient.fromConfig(config(stack));
        String subject = uniqueTopic("compat") + "-value";
        registry.register(subject, AudioChunk.getClassSchema());
        setBackwardCompatibility(stack, subject);

        Schema incompatible = fixture("/evolution/AudioChunk-required-field-added.avsc");
        assertThatThrownBy(() -> registry.register(subject, incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
                .hasMessageContaining("HTTP 409");
        // the compatible older writer schema (fields removed) is accepted under BACKWARD
        assertThat(registry.register(subject, fixture("/evolution/AudioChunk-v0.avsc"))).isPositive();
    }

    @Test
    void dataWrittenWithAnOlderSchemaIsReadIntoTheCurrentClass(StackEndpoints stack) throws IOException {
        String topic = uniqueTopic("old-writer");
        Schema older = fixture("/evolution/AudioChunk-v0.avsc");
        GenericRecord old = new GenericData.Record(older);
        old.put("streamId", "legacy-1");
        old.put("sequence", 5L);
        old.put("sampleRate", 22_050);
        old.put("channels", 1);
        old.put("sampleFormat", new GenericData.EnumSymbol(older.getField("sampleFormat").schema(), "PCM_F32LE"));
        old.put("pcm", ByteBuffer.wrap(new byte[8]));
        old.put("endOfTrack", true);
        old.put("producedAtMs", 1_600_000_000_000L);
        ConfluentAvroSerializer<GenericRecord> oldProducer = new ConfluentAvroSerializer<>();
        oldProducer.configure(config(stack), false);
        byte[] bytes = oldProducer.serialize(topic, old);

        ConfluentAvroSerde<AudioChunk> current = new ConfluentAvroSerde<>();
        current.configure(config(stack), false);
        AudioChunk chunk = current.deserializer().deserialize(topic, bytes);

        assertThat(chunk.getStreamId()).isEqualTo("legacy-1");
        assertThat(chunk.getSequence()).isEqualTo(5L);
        assertThat(chunk.getEndOfTrack()).isTrue();
        assertThat(chunk.getKind()).isEqualTo(StreamKind.TRACK);
        assertThat(chunk.getSource()).isNull();
    }

    @Test
    void aRegistryThatDoesNotAnswerIsSkipped(StackEndpoints stack) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RestSchemaRegistryClient registry = RestSchemaRegistryClient.fromConfig(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL,
                "http://127.0.0.1:" + closedPort + "," + stack.schemaRegistryUrl()));
        String subject = uniqueTopic("failover") + "-value";

        int id = registry.register(subject, AudioChunk.getClassSchema());

        assertThat(registry.getLatest(subject).id()).isEqualTo(id);
        assertThatThrownBy(() -> RestSchemaRegistryClient.fromConfig(Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL,
                "http://127.0.0.1:" + closedPort)).getById(id))
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("No schema registry answered")
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }

    static Map<String, Object> config(StackEndpoints stack) {
        return Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
    }

    static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static void setBackwardCompatibility(StackEndpoints stack, String subject) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/config/" + subject))
                .header("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PUT /config/%s: %s", subject, response.body()).isEqualTo(200);
    }

    private static Schema fixture(String resource) throws IOException {
        try (InputStream in = RegistryIntegrationTest.class.getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }
}
