package io.genrestream.app.topology;

import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.DeadLetterCause;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.StreamKind;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.serde.ConfluentWireFormat;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input becomes a dead letter with its cause, coordinates and original bytes, and the app keeps
 * processing: after each bad record a good track still gets its verdict.
 */
@WithKafkaStack
class DeadLetterTopologyTest {

    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.of(FeatureConfig.librosaDefaults());
    private static final int MAX_CHUNK_BYTES = 100_000;
    private TopologyHarness h;

    @BeforeEach
    void start(StackEndpoints stack, @TempDir Path state) {
        PipelineSettings settings = PipelineSettings.builder().optBatchSize(1).optSampleRateRange(8000, 48000)
                .optMaxChunkBytes(MAX_CHUNK_BYTES).build();
        h = new TopologyHarness(stack.schemaRegistryUrl(), settings, new ToneModels(EXTRACTOR.config()), EXTRACTOR,
                state);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private DeadLetter onlyDeadLetter(byte[] value) {
        h.sendRaw("bad".getBytes(StandardCharsets.UTF_8), value);
        List<DeadLetter> letters = h.deadLetters();
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertThat(letter.getSourceTopic()).isEqualTo("audio-chunks");
        assertThat(letter.getPartition()).isZero();
        assertThat(letter.getOffset()).isGreaterThanOrEqualTo(0);
        assertThat(bytes(letter.getKey())).isEqualTo("bad".getBytes(StandardCharsets.UTF_8));
        assertThat(bytes(letter.getOriginal())).isEqualTo(value);
        assertThat(letter.getReason()).isNotBlank();
        assertThat(h.registry().get(PipelineMeters.DEAD_LETTERS).tag(PipelineMeters.CAUSE_TAG,
                letter.getCause().name()).counter().count()).isEqualTo(1.0);
        assertThat(h.registry().get(PipelineMeters.DEAD_LETTERS).counters().stream()
                .mapToDouble(Counter::count).sum()).as("one dead letter in all").isEqualTo(1.0);
        assertStillProcessing();
        return letter;
    }

    private void assertStillProcessing() {
        h.send(Chunks.of("good", 0, StreamKind.TRACK, PcmCodec.encodeS16le(Chunks.tone(300, 3, 8000)), 8000, 1,
                SampleFormat.PCM_S16LE, true));
        assertThat(h.trackGenres()).hasSize(1);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private AudioChunk chunk(byte[] pcm, int rate, int channels, SampleFormat format) {
        return Chunks.of("bad", 0, StreamKind.TRACK, pcm, rate, channels, format, false);
    }

    @Test
    void garbageIsBadAvro() {
        DeadLetter letter = onlyDeadLetter("not avro at all".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.BAD_AVRO);
        assertThat(letter.getReason()).contains("magic byte");
    }

    @Test
    void aTruncatedBodyIsBadAvro() {
        byte[] good = h.serialize(Chunks.second("bad", 0, 300));
        DeadLetter letter = onlyDeadLetter(Arrays.copyOf(good, 20));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.BAD_AVRO);
        assertThat(letter.getErrorClass()).isNotNull();
    }

    @Test
    void anUnregisteredSchemaIdIsUnknownSchemaId() {
        byte[] good = h.serialize(Chunks.second("bad", 0, 300));
        byte[] body = Arrays.copyOfRange(good, ConfluentWireFormat.HEADER_LENGTH, good.length);
        DeadLetter letter = onlyDeadLetter(ConfluentWireFormat.frame(987_654_321, body));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.UNKNOWN_SCHEMA_ID);
    }

    @Test
    void anOddByteCountIsRejected() {
        DeadLetter letter = onlyDeadLetter(h.serialize(chunk(new byte[1001], 22050, 1, SampleFormat.PCM_S16LE)));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.ODD_BYTE_COUNT);
    }

    @Test
    void aByteCountThatSplitsAStereoFrameIsRejected() {
        DeadLetter letter = onlyDeadLetter(h.serialize(chunk(new byte[1002], 22050, 2, SampleFormat.PCM_S16LE)));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.ODD_BYTE_COUNT);
    }

    @Test
    void anUnsupportedSampleRateIsRejected() {
        DeadLetter letter = onlyDeadLetter(h.serialize(chunk(new byte[1000], 4000, 1, SampleFormat.PCM_S16LE)));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.UNSUPPORTED_SAMPLE_RATE);
        assertThat(letter.getReason()).contains("4000");
    }

    @Test
    void tooManyChannelsIsAnUnsupportedFormat() {
        DeadLetter letter = onlyDeadLetter(h.serialize(chunk(new byte[1800], 22050, 9, SampleFormat.PCM_S16LE)));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.UNSUPPORTED_FORMAT);
    }

    /** Also when the chunk with audio is the end marker. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFormatChangeMidStreamIsAnUnsupportedFormat(boolean endMarker) {
        h.send(Chunks.second("bad", 0, 300));
        DeadLetter letter = onlyDeadLetter(h.serialize(Chunks.of("bad", 1, StreamKind.TRACK, new byte[1000], 44100,
                1, SampleFormat.PCM_S16LE, endMarker)));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.UNSUPPORTED_FORMAT);
        assertThat(letter.getReason()).contains("format changed");
    }

    @Test
    void anEmptyChunkIsRejectedButAnEmptyEndMarkerIsNot() {
        DeadLetter letter = onlyDeadLetter(h.serialize(chunk(new byte[0], 22050, 1, SampleFormat.PCM_S16LE)));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.EMPTY_CHUNK);
        h.send(Chunks.end("fine", 0));
        assertThat(h.deadLetters()).isEmpty();
        assertThat(h.trackGenres()).extracting(t -> t.getGenre()).containsExactly(PipelineSettings.UNKNOWN_GENRE);
    }

    @Test
    void anEndMarkerWithoutAudioFinishesItsTrackWhateverItsFormatFields() {
        for (int s = 0; s < 3; s++) {
            h.send(Chunks.second("mono16", s, 300));
        }
        h.send(Chunks.of("mono16", 3, StreamKind.TRACK, new byte[0], 44100, 2, SampleFormat.PCM_F32LE, true));
        h.send(Chunks.second("zeros", 0, 300));
        h.send(Chunks.of("zeros", 1, StreamKind.TRACK, new byte[0], 0, 0, SampleFormat.PCM_F32LE, true));
        h.send(Chunks.of("only-end", 0, StreamKind.TRACK, new byte[0], 0, 0, SampleFormat.PCM_F32LE, true));

        assertThat(h.deadLetters()).extracting(DeadLetter::getReason).isEmpty();
        assertThat(h.trackGenres()).extracting(t -> t.getTrackId() + ":" + t.getReason() + ":" + t.getSegmentCount()
                + ":" + t.getDurationSeconds()).containsExactlyInAnyOrder("mono16:END_OF_TRACK:1:3.0",
                "zeros:END_OF_TRACK:0:1.0", "only-end:END_OF_TRACK:0:0.0");
    }

    @Test
    void anOversizedChunkIsRejected() {
        DeadLetter letter = onlyDeadLetter(h.serialize(chunk(new byte[MAX_CHUNK_BYTES + 2], 22050, 1,
                SampleFormat.PCM_S16LE)));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.OVERSIZED_CHUNK);
    }

    @Test
    void nanOrInfiniteFloatSamplesAreRejected() {
        float[] samples = Chunks.tone(300, 0.1, 22050);
        samples[100] = Float.NaN;
        DeadLetter letter = onlyDeadLetter(h.serialize(chunk(PcmCodec.encodeF32le(samples), 22050, 1,
                SampleFormat.PCM_F32LE)));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.NON_FINITE_SAMPLES);
        assertThat(letter.getReason()).contains("sample 100");
    }

    @Test
    void aKeyThatDiffersFromTheStreamIdIsRejected() {
        DeadLetter letter = onlyDeadLetter(h.serialize(Chunks.second("other", 0, 300)));
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.OTHER);
        assertThat(letter.getReason()).contains("differs from streamId");
    }

    @Test
    void aChunkWithoutKeyIsRejected() {
        h.sendRaw(null, h.serialize(Chunks.second("bad", 0, 300)));
        List<DeadLetter> letters = h.deadLetters();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getCause()).isEqualTo(DeadLetterCause.OTHER);
        assertThat(letters.get(0).getKey()).isNull();
        assertThat(letters.get(0).getReason()).contains("no key");
        assertStillProcessing();
    }
}
