package io.genrestream.avro;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Enforces the evolution rule of README.md: every current schema is BACKWARD compatible with (can read data written
 * by) every committed version under src/main/avro-history, and the newest committed version is the current schema.
 */
class SchemaEvolutionTest {

    private static final Path HISTORY = Path.of("src/main/avro-history");
    private static final Path SOURCES = Path.of("src/main/avro");

    /** Every top-level record of a topic, as generated. */
    private static final Map<String, Schema> CURRENT = Map.of(
            "AudioChunk", AudioChunk.getClassSchema(),
            "SegmentScore", SegmentScore.getClassSchema(),
            "TrackGenre", TrackGenre.getClassSchema(),
            "StreamGenre", StreamGenre.getClassSchema(),
            "GenreChange", GenreChange.getClassSchema(),
            "DeadLetter", DeadLetter.getClassSchema());

    @TestFactory
    Stream<DynamicTest> currentSchemaReadsEveryCommittedVersion() {
        return CURRENT.entrySet().stream().flatMap(entry -> versions(entry.getKey()).stream().map(version ->
                DynamicTest.dynamicTest(entry.getKey() + " reads " + version.getFileName(), () -> {
                    Schema previous = new Schema.Parser().parse(version.toFile());
                    assertBackwardCompatible(entry.getValue(), previous, version);
                })));
    }

    @TestFactory
    Stream<DynamicTest> newestCommittedVersionIsTheCurrentSchema() throws IOException {
        Schema.Parser sources = new Schema.Parser();
        sources.parse(SOURCES.resolve("SourceMetadata.avsc").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : CURRENT.keySet()) {
            Schema source = sources.parse(SOURCES.resolve(name + ".avsc").toFile());
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<Path> versions = versions(name);
                assertThat(versions).as("committed versions of %s under %s", name, HISTORY).isNotEmpty();
                Path newest = versions.get(versions.size() - 1);
                assertThat(new Schema.Parser().parse(newest.toFile()))
                        .as("%s must equal src/main/avro/%s.avsc: copy the changed schema to a new vN.avsc (see README.md)", newest, name)
                        .isEqualTo(source);
            }));
        }
        return tests.stream();
    }

    @Test
    void theCheckRejectsAnIncompatibleChange() throws IOException {
        // A field added without a default cannot be filled in when reading older data.
        Schema incompatible = fixture("/evolution/AudioChunk-required-field-added.avsc");
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(incompatible, AudioChunk.getClassSchema());
        assertThat(result.getType()).isEqualTo(SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(result.getResult().getIncompatibilities()).singleElement()
                .satisfies(i -> assertThat(i.getMessage()).contains("bitDepth"));
    }

    @Test
    void dataWrittenWithAnOlderSchemaIsReadWithDefaults() throws IOException {
        Schema older = fixture("/evolution/AudioChunk-v0.avsc");
        GenericRecord old = new GenericData.Record(older);
        old.put("streamId", "radio-1");
        old.put("sequence", 12L);
        old.put("sampleRate", 44_100);
        old.put("channels", 2);
        old.put("sampleFormat", new GenericData.EnumSymbol(older.getField("sampleFormat").schema(), "PCM_S16LE"));
        old.put("pcm", ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        old.put("endOfTrack", false);
        old.put("producedAtMs", 1_700_000_000_000L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(older).write(old, encoder);
        encoder.flush();

        AudioChunk chunk = new SpecificDatumReader<AudioChunk>(older, AudioChunk.getClassSchema(), SpecificData.getForClass(AudioChunk.class))
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(chunk.getStreamId()).isEqualTo("radio-1");
        assertThat(chunk.getSequence()).isEqualTo(12L);
        assertThat(chunk.getPcm()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        assertThat(chunk.getProducedAtMs()).isEqualTo(java.time.Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(chunk.getKind()).as("default of a field the old writer did not have").isEqualTo(StreamKind.TRACK);
        assertThat(chunk.getSource()).as("default of a field the old writer did not have").isNull();
    }

    static void assertBackwardCompatible(Schema current, Schema previous, Object previousName) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(current, previous);
        if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            StringBuilder description = new StringBuilder();
            result.getResult().getIncompatibilities().forEach(i -> description.append("\n  ").append(i.getType()).append(" at ")
                    .append(i.getLocation()).append(": ").append(i.getMessage()));
            fail(current.getFullName() + " is not BACKWARD compatible with " + previousName + ":" + description);
        }
    }

    private static List<Path> versions(String name) {
        Path dir = HISTORY.resolve(name);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().replaceAll("\\D", ""))))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + dir, e);
        }
    }

    private static Schema fixture(String resource) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }
}
