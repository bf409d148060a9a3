package io.genrestream.app.topology;

import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.DeadLetterCause;
import io.genrestream.avro.TrackGenre;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.serde.ConfluentWireFormat;
import io.genrestream.serde.RestSchemaRegistryClient;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record keys as Confluent's {@code KafkaAvroSerializer} writes a String key: magic byte 0, the 4-byte big-endian id
 * of schema {@code "string"} registered under {@code audio-chunks-key} in the real registry, then the Avro string
 * (zigzag-varint length, UTF-8). They are accepted as well as plain UTF-8 keys; the outputs are keyed by the stream
 * id string.
 */
@WithKafkaStack
class ConfluentKeyTopologyTest {

    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.of(FeatureConfig.librosaDefaults());
    private TopologyHarness h;
    private RestSchemaRegistryClient registry;

    @BeforeEach
    void start(StackEndpoints stack, @TempDir Path state) {
        h = new TopologyHarness(stack.schemaRegistryUrl(), PipelineSettings.builder().optBatchSize(1).build(),
                new ToneModels(EXTRACTOR.config()), EXTRACTOR, state);
        registry = RestSchemaRegistryClient.fromConfig(Map.of("schema.registry.url", stack.schemaRegistryUrl()));
    }

    @AfterEach
    void close() {
        h.close();
    }

    /** The bytes Confluent's serializer writes for {@code id} as an Avro string of schema id {@code schemaId}. */
    private static byte[] confluentStringKey(int schemaId, String id) {
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(5).put((byte) 0).putInt(schemaId).array());
        // Avro long (zigzag, then base-128 varint, low group first)
        long zigzag = ((long) utf8.length << 1) ^ ((long) utf8.length >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        out.writeBytes(utf8);
        return out.toByteArray();
    }

    @Test
    void aConfluentAvroStringKeyIsAcceptedAsWellAsAUtf8Key() {
        int schemaId = registry.register("audio-chunks-key", Schema.create(Schema.Type.STRING));
        // a 70-character id: its length 70 takes two varint bytes (zigzag 140 = 0x8c 0x01)
        String longId = "confluent-keyed-" + "x".repeat(54);
        byte[] key = confluentStringKey(schemaId, longId);
        assertThat(key[5] & 0xff).isEqualTo(0x8c);
        assertThat(key[6]).isEqualTo((byte) 0x01);
        for (int s = 0; s < 3; s++) {
            h.sendRaw(key, h.serialize(Chunks.second(longId, s, 300)));
            h.send(Chunks.second("utf8-keyed", s, 300));
        }
        h.sendRaw(key, h.serialize(Chunks.end(longId, 3)));
        h.send(Chunks.end("utf8-keyed", 3));

        assertThat(h.deadLetters()).extracting(DeadLetter::getReason).isEmpty();
        List<TrackGenre> verdicts = h.trackGenres();
        assertThat(verdicts).extracting(v -> v.getTrackId() + ":" + v.getSegmentCount())
                .containsExactlyInAnyOrder(longId + ":1", "utf8-keyed:1");
        assertThat(h.scores()).extracting(s -> s.getTrackId()).containsExactlyInAnyOrder(longId, "utf8-keyed");
    }

    @Test
    void aConfluentKeyOfAnotherStreamOrSchemaIsRejected() {
        int stringId = registry.register("audio-chunks-key", Schema.create(Schema.Type.STRING));
        h.sendRaw(confluentStringKey(stringId, "other"), h.serialize(Chunks.second("mine", 0, 300)));
        int longId = registry.register("audio-chunks-key-long", Schema.create(Schema.Type.LONG));
        h.sendRaw(ConfluentWireFormat.frame(longId, new byte[] {4}), h.serialize(Chunks.second("mine", 0, 300)));

        List<DeadLetter> letters = h.deadLetters();
        assertThat(letters).extracting(DeadLetter::getCause)
                .containsExactly(DeadLetterCause.OTHER, DeadLetterCause.BAD_AVRO);
        assertThat(letters.get(0).getReason()).contains("record key 'other' differs from streamId 'mine'");
        assertThat(letters.get(1).getReason()).contains("not an Avro string");
    }
}
