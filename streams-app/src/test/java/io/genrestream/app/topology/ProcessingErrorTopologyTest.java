package io.genrestream.app.topology;

import io.genrestream.app.scoring.SegmentModels;
import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.DeadLetterCause;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.StreamKind;
import io.genrestream.avro.TrackGenre;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record that passes validation but makes processing throw becomes one {@code PROCESSING_ERROR} dead letter (through
 * {@link DeadLetterProcessingHandler}, configured as the app configures it) and processing goes on: other streams,
 * and the same stream afterwards, still get their verdicts; the failed segment is missing from its track. Float PCM
 * far beyond full scale (±3.4e38, which used to make feature extraction throw forever) is clipped, not a poison.
 */
@WithKafkaStack
class ProcessingErrorTopologyTest {

    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.of(FeatureConfig.librosaDefaults());
    private static final double FAULT_ABOVE_HZ = 6000;
    private static final double FAULTY_HZ = 9000;
    private TopologyHarness h;
    private long offset;

    @AfterEach
    void close() {
        h.close();
    }

    private void start(StackEndpoints stack, Path state, int batchSize) {
        PipelineSettings settings = PipelineSettings.builder().optBatchSize(batchSize).build();
        SegmentModels models = new FaultInjectingModels(new ToneModels(EXTRACTOR.config()), EXTRACTOR.config(),
                FAULT_ABOVE_HZ);
        h = new TopologyHarness(stack.schemaRegistryUrl(), settings, models, EXTRACTOR, state);
        offset = 0;
    }

    /** Sends {@code chunk}; returns its offset and bytes. */
    private Map.Entry<Long, byte[]> send(AudioChunk chunk) {
        byte[] value = h.serialize(chunk);
        h.sendRaw(chunk.getStreamId().getBytes(StandardCharsets.UTF_8), value);
        return Map.entry(offset++, value);
    }

    @Test
    void floatPcmFarBeyondFullScaleIsClippedNotAPoison(StackEndpoints stack, @TempDir Path state) {
        start(stack, state, 1);
        float[] y = Chunks.tone(300, 3.0, Chunks.RATE);
        y[1000] = Float.MAX_VALUE;
        y[30000] = -Float.MAX_VALUE;
        y[50000] = 1.01f;
        for (int s = 0; s < 3; s++) {
            float[] second = java.util.Arrays.copyOfRange(y, s * Chunks.RATE, (s + 1) * Chunks.RATE);
            send(Chunks.of("loud", s, StreamKind.TRACK, PcmCodec.encodeF32le(second), Chunks.RATE, 1,
                    SampleFormat.PCM_F32LE, false));
        }
        send(Chunks.of("loud", 3, StreamKind.TRACK, new byte[0], Chunks.RATE, 1, SampleFormat.PCM_F32LE, true));

        assertThat(h.deadLetters()).extracting(DeadLetter::getReason).isEmpty();
        List<TrackGenre> verdicts = h.trackGenres();
        assertThat(verdicts).hasSize(1);
        assertThat(verdicts.get(0).getSegmentCount()).isEqualTo(1);
        assertThat(verdicts.get(0).getGenre()).isEqualTo("low");
        assertThat(h.registry().get(PipelineMeters.SAMPLES_CLIPPED).counter().count()).isEqualTo(3.0);
    }

    @Test
    void aFailingSegmentIsDeadLetteredOnceAndEveryStreamGoesOn(StackEndpoints stack, @TempDir Path state) {
        start(stack, state, 1);
        // "bright": segments 0 (300 Hz), 1 (9 kHz: the models fail), 2 (300 Hz); "calm": 3 segments at 300 Hz
        Map.Entry<Long, byte[]> poison = null;
        for (int s = 0; s < 9; s++) {
            send(Chunks.second("calm", s, 300));
            Map.Entry<Long, byte[]> sent = send(Chunks.second("bright", s, s / 3 == 1 ? FAULTY_HZ : 300));
            if (s == 5) {
                poison = sent;
            }
        }
        send(Chunks.end("calm", 9));
        send(Chunks.end("bright", 9));

        List<DeadLetter> letters = h.deadLetters();
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertThat(letter.getCause()).isEqualTo(DeadLetterCause.PROCESSING_ERROR);
        assertThat(letter.getSourceTopic()).isEqualTo("audio-chunks");
        assertThat(letter.getOffset()).as("the chunk that completed the failing segment").isEqualTo(poison.getKey());
        assertThat(bytes(letter.getOriginal())).isEqualTo(poison.getValue());
        assertThat(bytes(letter.getKey())).isEqualTo("bright".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.getErrorClass()).isEqualTo(SegmentFailure.class.getName());
        assertThat(letter.getReason()).contains(GenreTopology.SCORE).contains("segment 1 of stream bright")
                .contains("injected fault");
        assertThat(h.registry().get(PipelineMeters.DEAD_LETTERS).tag(PipelineMeters.CAUSE_TAG,
                DeadLetterCause.PROCESSING_ERROR.name()).counter().count()).isEqualTo(1.0);

        Map<String, TrackGenre> verdicts = h.trackGenres().stream()
                .collect(Collectors.toMap(TrackGenre::getTrackId, Function.identity()));
        assertThat(verdicts).containsOnlyKeys("calm", "bright");
        assertThat(verdicts.get("calm").getSegmentCount()).isEqualTo(3);
        assertThat(verdicts.get("bright").getSegmentCount()).as("the failed segment is left out").isEqualTo(2);
        assertThat(verdicts.get("bright").getGenre()).isEqualTo("low");
        assertThat(h.scores().stream().filter(s -> s.getTrackId().equals("bright"))
                .map(SegmentScore::getSegmentIndex)).containsExactly(0, 2);
    }

    @Test
    void aRejectedBatchLosesOnlyTheSegmentThatFailsOnItsOwn(StackEndpoints stack, @TempDir Path state) {
        start(stack, state, 2);
        for (int s = 0; s < 3; s++) {
            send(Chunks.second("calm", s, 300));
        }
        Map.Entry<Long, byte[]> last = null;
        for (int s = 0; s < 3; s++) {
            last = send(Chunks.second("bright", s, FAULTY_HZ));
        }
        // the batch of calm#0 and bright#0 was full at bright's third chunk: the models rejected it as a whole
        assertThat(h.scores()).extracting(SegmentScore::getTrackId).containsExactly("calm");
        List<DeadLetter> letters = h.deadLetters();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getCause()).isEqualTo(DeadLetterCause.PROCESSING_ERROR);
        assertThat(letters.get(0).getOffset()).isEqualTo(last.getKey());
        assertThat(letters.get(0).getReason()).contains("segment 0 of stream bright");

        send(Chunks.end("calm", 3));
        send(Chunks.end("bright", 3));
        Map<String, TrackGenre> verdicts = h.trackGenres().stream()
                .collect(Collectors.toMap(TrackGenre::getTrackId, Function.identity()));
        assertThat(verdicts.get("calm").getSegmentCount()).isEqualTo(1);
        assertThat(verdicts.get("bright").getSegmentCount()).isZero();
        assertThat(h.deadLetters()).as("nothing retried").isEmpty();
    }

    @Test
    void aSegmentFailingInABatchAnotherStreamFilledIsDeadLetteredAsItsOwnRecord(StackEndpoints stack,
                                                                                @TempDir Path state) {
        start(stack, state, 2);
        Map.Entry<Long, byte[]> completing = sendFailingSegment();
        for (int s = 0; s < 3; s++) {
            send(Chunks.second("calm", s, 300));
        }
        // calm's segment filled the batch: the models rejected it, then bright#0 on its own, while calm's chunk was
        // the record being processed
        assertNamesWithoutBytes(h.deadLetters(), completing.getKey(), "bright's chunk that completed the segment, "
                + "not calm's, whose bytes are all Kafka Streams has at hand");
        assertThat(h.scores()).extracting(SegmentScore::getTrackId).containsExactly("calm");
    }

    @Test
    void aFailureInALingerFlushIsDeadLetteredAsTheRecordThatCompletedTheSegment(StackEndpoints stack,
                                                                                @TempDir Path state) {
        start(stack, state, 2);
        Map.Entry<Long, byte[]> completing = sendFailingSegment();
        assertThat(h.deadLetters()).as("the segment waits for its batch").isEmpty();
        h.advance(Duration.ofSeconds(1));

        DeadLetter letter = assertNamesWithoutBytes(h.deadLetters(), completing.getKey(),
                "the chunk that completed the segment (a punctuation has no record's bytes)");
        assertThat(letter.getReason()).contains("wall-clock punctuation");
        send(Chunks.end("bright", 3));
        assertThat(h.trackGenres()).extracting(TrackGenre::getSegmentCount).containsExactly(0);
    }

    /** Sends bright's segment 0 (3 s at 9 kHz: the models fail on it); returns the chunk that completes it. */
    private Map.Entry<Long, byte[]> sendFailingSegment() {
        Map.Entry<Long, byte[]> last = null;
        for (int s = 0; s < 3; s++) {
            last = send(Chunks.second("bright", s, FAULTY_HZ));
        }
        return last;
    }

    /** The one dead letter names bright's segment 0 and the record at {@code offset}, without its bytes. */
    private static DeadLetter assertNamesWithoutBytes(List<DeadLetter> letters, long offset, String which) {
        assertThat(letters).extracting(DeadLetter::getCause).containsExactly(DeadLetterCause.PROCESSING_ERROR);
        DeadLetter letter = letters.get(0);
        assertThat(letter.getSourceTopic()).isEqualTo("audio-chunks");
        assertThat(letter.getPartition()).isZero();
        assertThat(letter.getOffset()).as(which).isEqualTo(offset);
        assertThat(bytes(letter.getKey())).isEqualTo("bright".getBytes(StandardCharsets.UTF_8));
        assertThat(letter.getOriginal().remaining()).isZero();
        assertThat(letter.getReason()).contains("segment 0 of stream bright");
        return letter;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
