package io.genrestream.app.topology;

import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.FinishReason;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.TrackGenre;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/**
 * Ordering, duplicates, gaps, end of track and inactivity through the real topology (TopologyTestDriver, real
 * feature extractor, real registry). Scores come from {@link ToneModels} so each segment's vote shows which audio it
 * was cut from: 300 Hz = low, 1 kHz = mid, 4 kHz = high.
 */
@WithKafkaStack
class SequencingTopologyTest {

    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.of(FeatureConfig.librosaDefaults());
    private static String registry;
    @TempDir
    Path state;
    private TopologyHarness harness;

    @BeforeAll
    static void stack(StackEndpoints stack) {
        registry = stack.schemaRegistryUrl();
    }

    private TopologyHarness start(PipelineSettings settings) {
        harness = new TopologyHarness(registry, settings, new ToneModels(EXTRACTOR.config()), EXTRACTOR, state);
        return harness;
    }

    private static PipelineSettings.Builder settings() {
        return PipelineSettings.builder().optBatchSize(1);
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    /** Three 3-second blocks low, high, mid, one second per chunk, sequences 0..8, end marker 9. */
    private static List<AudioChunk> lowHighMid(String id) {
        double[] hz = {300, 300, 300, 4000, 4000, 4000, 1000, 1000, 1000};
        List<AudioChunk> chunks = new ArrayList<>();
        for (int s = 0; s < hz.length; s++) {
            chunks.add(Chunks.second(id, s, hz[s]));
        }
        chunks.add(Chunks.end(id, hz.length));
        return chunks;
    }

    @Test
    void outOfOrderAndDuplicateChunksAreOrderedAndDroppedAndTheTrackGetsOneVerdict() {
        TopologyHarness h = start(settings().build());
        List<AudioChunk> c = lowHighMid("t1");
        // arrival: shuffled, with two duplicates, the end marker before the last audio chunk
        int[] order = {1, 0, 3, 2, 2, 5, 4, 9, 7, 6, 0, 8};
        for (int i : order) {
            h.send(c.get(i));
        }
        List<SegmentScore> scores = h.scores();
        assertThat(scores).extracting(SegmentScore::getSegmentIndex).containsExactly(0, 1, 2);
        assertThat(scores).extracting(SegmentScore::getVote).containsExactly("low", "high", "mid");
        assertThat(scores).extracting(SegmentScore::getStartSeconds).containsExactly(0.0, 3.0, 6.0);
        assertThat(h.count(PipelineMeters.Event.DUPLICATE_CHUNKS)).isEqualTo(2.0);

        List<TrackGenre> verdicts = h.trackGenres();
        assertThat(verdicts).hasSize(1);
        TrackGenre v = verdicts.get(0);
        assertThat(v.getTrackId()).isEqualTo("t1");
        assertThat(v.getReason()).isEqualTo(FinishReason.END_OF_TRACK);
        assertThat(v.getSegmentCount()).isEqualTo(3);
        assertThat(v.getDurationSeconds()).isCloseTo(9.0, within(1e-9));
        assertThat(v.getVotes()).containsEntry("low", 1).containsEntry("mid", 1).containsEntry("high", 1);
        assertThat(h.deadLetters()).isEmpty();
    }

    @Test
    void aTrackGetsExactlyOneVerdictEvenWithRepeatedEndMarkersAndLateChunks() {
        TopologyHarness h = start(settings().build());
        for (int s = 0; s < 6; s++) {
            h.send(Chunks.second("t2", s, 300));
        }
        h.send(Chunks.end("t2", 6));
        h.send(Chunks.end("t2", 6));
        h.send(Chunks.second("t2", 5, 300));
        h.send(Chunks.second("t2", 7, 300));
        h.advance(Duration.ofMinutes(5), Duration.ofSeconds(1));

        List<TrackGenre> verdicts = h.trackGenres();
        assertThat(verdicts).hasSize(1);
        assertThat(verdicts.get(0).getGenre()).isEqualTo("low");
        assertThat(verdicts.get(0).getConfidence()).isCloseTo(1.0, within(0.01));
        assertThat(verdicts.get(0).getSegmentCount()).isEqualTo(2);
        assertThat(h.count(PipelineMeters.Event.LATE_CHUNKS)).isEqualTo(3.0);
        assertThat(h.scores()).hasSize(2);
    }

    @Test
    void aGapOpenLongerThanTheGraceIsSkippedAndTheSegmentRestartsAfterIt() {
        TopologyHarness h = start(settings().optReorderGrace(Duration.ofSeconds(5)).build());
        for (int s = 0; s < 9; s++) {
            if (s != 4) {
                h.send(Chunks.second("t3", s, s < 4 ? 300 : 4000));
            }
        }
        // chunks 5..8 are held behind the gap at 4
        assertThat(h.scores()).extracting(SegmentScore::getSegmentIndex).containsExactly(0);
        h.advance(Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(h.scores()).as("still within the grace").isEmpty();
        h.advance(Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(h.count(PipelineMeters.Event.GAPS_SKIPPED)).isEqualTo(1.0);
        // chunk 3 (the tail before the gap) is dropped; the next segment starts after the skipped second at 5 s
        List<SegmentScore> after = h.scores();
        assertThat(after).extracting(SegmentScore::getSegmentIndex).containsExactly(1);
        assertThat(after.get(0).getStartSeconds()).isEqualTo(5.0);
        assertThat(after.get(0).getVote()).isEqualTo("high");

        h.send(Chunks.end("t3", 9));
        // one second after the last segment: shorter than min-final-seconds, dropped
        assertThat(h.count(PipelineMeters.Event.SHORT_FINAL_SEGMENTS_DROPPED)).isEqualTo(1.0);
        List<TrackGenre> verdicts = h.trackGenres();
        assertThat(verdicts).hasSize(1);
        assertThat(verdicts.get(0).getSegmentCount()).isEqualTo(2);
        assertThat(verdicts.get(0).getTieBreak()).isEqualTo(io.genrestream.avro.TieBreak.GRU_SOFTMAX);
    }

    @Test
    void tooManyHeldChunksSkipTheGapAtOnce() {
        TopologyHarness h = start(settings().optMaxHeldChunks(2).build());
        h.send(Chunks.second("t4", 0, 300));
        h.send(Chunks.second("t4", 2, 300));
        h.send(Chunks.second("t4", 3, 300));
        assertThat(h.count(PipelineMeters.Event.GAPS_SKIPPED)).isZero();
        h.send(Chunks.second("t4", 4, 300));
        assertThat(h.count(PipelineMeters.Event.GAPS_SKIPPED)).isEqualTo(1.0);
        // 2, 3, 4 released at once: 3 s after the gap make a segment starting at 2 s
        List<SegmentScore> scores = h.scores();
        assertThat(scores).hasSize(1);
        assertThat(scores.get(0).getStartSeconds()).isEqualTo(2.0);
    }

    @Test
    void aPartialLastSegmentIsPaddedWhenLongEnoughAndDroppedOtherwise() {
        TopologyHarness h = start(settings().optMinFinalSegmentSeconds(1.5).build());
        // 3 s + 1.6 s
        h.send(Chunks.of("long", 0, io.genrestream.avro.StreamKind.TRACK,
                io.genrestream.audio.PcmCodec.encodeS16le(Chunks.tone(300, 4.6, Chunks.RATE)), Chunks.RATE, 1,
                io.genrestream.avro.SampleFormat.PCM_S16LE, true));
        // 3 s + 1.2 s
        h.send(Chunks.of("short", 0, io.genrestream.avro.StreamKind.TRACK,
                io.genrestream.audio.PcmCodec.encodeS16le(Chunks.tone(300, 4.2, Chunks.RATE)), Chunks.RATE, 1,
                io.genrestream.avro.SampleFormat.PCM_S16LE, true));
        List<SegmentScore> scores = h.scores();
        assertThat(scores).filteredOn(s -> s.getTrackId().equals("long"))
                .extracting(SegmentScore::getEndSeconds).containsExactly(3.0, 4.6);
        assertThat(scores).filteredOn(s -> s.getTrackId().equals("short")).hasSize(1);
        assertThat(h.trackGenres()).extracting(TrackGenre::getSegmentCount).containsExactly(2, 1);
    }

    @Test
    void overlappingSegmentsStartEveryHop() {
        TopologyHarness h = start(settings().optHopSeconds(1.5).build());
        for (int s = 0; s < 6; s++) {
            h.send(Chunks.second("hop", s, 300));
        }
        h.send(Chunks.end("hop", 6));
        List<SegmentScore> scores = h.scores();
        assertThat(scores).extracting(SegmentScore::getStartSeconds).containsExactly(0.0, 1.5, 3.0);
        assertThat(scores).extracting(SegmentScore::getEndSeconds).containsExactly(3.0, 4.5, 6.0);
        // the last 1.5 s were already in the third segment: no padded extra segment
        assertThat(h.trackGenres().get(0).getSegmentCount()).isEqualTo(3);
        assertThat(h.count(PipelineMeters.Event.SHORT_FINAL_SEGMENTS_DROPPED)).isZero();
    }

    @Test
    void aLiveProducerThatRestartsItsNumberingIsFollowedNotDroppedAsDuplicates() {
        TopologyHarness h = start(settings().optMaxHeldChunks(4).build());
        for (int s = 0; s < 9; s++) {
            h.send(live("station", s, 300));
        }
        h.send(live("station", 7, 300));
        assertThat(h.count(PipelineMeters.Event.DUPLICATE_CHUNKS)).as("a retry is still a duplicate").isEqualTo(1.0);
        // the producer restarts: numbering from 0 again, far behind the expected 9
        for (int s = 0; s < 6; s++) {
            h.send(live("station", s, 4000));
        }
        List<SegmentScore> scores = h.scores();
        assertThat(scores).extracting(SegmentScore::getVote).containsExactly("low", "low", "low", "high", "high");
        assertThat(h.count(PipelineMeters.Event.SEQUENCE_RESTARTS)).isEqualTo(1.0);
        assertThat(h.count(PipelineMeters.Event.DUPLICATE_CHUNKS)).isEqualTo(1.0);
    }

    private static AudioChunk live(String id, long seq, double hz) {
        return Chunks.of(id, seq, io.genrestream.avro.StreamKind.LIVE,
                io.genrestream.audio.PcmCodec.encodeS16le(Chunks.tone(hz, 1.0, Chunks.RATE)), Chunks.RATE, 1,
                io.genrestream.avro.SampleFormat.PCM_S16LE, false);
    }

    @Test
    void audioIsStoredOncePerChunkAndDeletedOnceCut() {
        TopologyHarness h = start(settings().build());
        int second = Chunks.RATE;
        h.send(Chunks.second("blocks", 0, 300));
        h.send(Chunks.second("blocks", 1, 300));
        // two 16-bit mono chunks, kept as they came: one block each, keyed by stream position
        assertThat(h.audioBlocks()).containsExactly(
                entry(StreamKeys.key("blocks", 0), second), entry(StreamKeys.key("blocks", second), second));
        h.send(Chunks.second("blocks", 2, 300));
        // the third chunk completes a segment: every block it used is gone
        assertThat(h.scores()).hasSize(1);
        assertThat(h.audioBlocks()).isEmpty();
        h.send(Chunks.second("blocks", 3, 300));
        assertThat(h.audioBlocks()).containsOnlyKeys(StreamKeys.key("blocks", 3L * second));
        h.send(Chunks.end("blocks", 4));
        assertThat(h.trackGenres()).hasSize(1);
        assertThat(h.audioBlocks()).as("nothing left once the track ends").isEmpty();
    }

    @Test
    void overlappingSegmentsKeepOnlyTheBlocksTheNextSegmentNeeds() {
        TopologyHarness h = start(settings().optHopSeconds(1.5).build());
        for (int s = 0; s < 4; s++) {
            h.send(Chunks.second("ov", s, 300));
        }
        // one segment (0-3 s) so far; the next starts at 1.5 s, inside the block of second 1 (1-2 s): kept
        assertThat(h.scores()).hasSize(1);
        assertThat(h.audioBlocks()).containsOnlyKeys(StreamKeys.key("ov", Chunks.RATE),
                StreamKeys.key("ov", 2L * Chunks.RATE), StreamKeys.key("ov", 3L * Chunks.RATE));
    }

    @Test
    void anAbandonedUploadIsFinishedByTheInactivityTimeout() {
        TopologyHarness h = start(settings().optInactivityTimeout(Duration.ofSeconds(60)).build());
        for (int s = 0; s < 4; s++) {
            h.send(Chunks.second("t5", s, 1000));
        }
        h.advance(Duration.ofSeconds(59), Duration.ofSeconds(1));
        assertThat(h.trackGenres()).as("not yet timed out").isEmpty();
        h.advance(Duration.ofSeconds(2), Duration.ofSeconds(1));
        List<TrackGenre> verdicts = h.trackGenres();
        assertThat(verdicts).hasSize(1);
        assertThat(verdicts.get(0).getReason()).isEqualTo(FinishReason.INACTIVITY_TIMEOUT);
        assertThat(verdicts.get(0).getGenre()).isEqualTo("mid");
        assertThat(verdicts.get(0).getSegmentCount()).isEqualTo(1);
        assertThat(h.count(PipelineMeters.Event.STREAMS_TIMED_OUT)).isEqualTo(1.0);
        h.advance(Duration.ofMinutes(3), Duration.ofSeconds(10));
        assertThat(h.trackGenres()).as("exactly one verdict").isEmpty();
    }

    @Test
    void theCapOnOpenTracksEndsTheLeastRecentlyActive() {
        TopologyHarness h = start(settings().optMaxOpenTracks(2).build());
        h.send(Chunks.second("a", 0, 300));
        h.advance(Duration.ofSeconds(1));
        h.send(Chunks.second("b", 0, 300));
        h.advance(Duration.ofSeconds(1));
        h.send(Chunks.second("a", 1, 300));
        h.send(Chunks.second("c", 0, 300));
        List<TrackGenre> verdicts = h.trackGenres();
        assertThat(verdicts).extracting(TrackGenre::getTrackId).containsExactly("b");
        assertThat(verdicts.get(0).getReason()).isEqualTo(FinishReason.INACTIVITY_TIMEOUT);
        assertThat(h.count(PipelineMeters.Event.STREAMS_EVICTED)).isEqualTo(1.0);
    }

    @Test
    void stereoFortyFourKilohertzIsDownmixedAndResampled() {
        TopologyHarness h = start(settings().build());
        int rate = 44100;
        float[] mono = Chunks.tone(4000, 3.0, rate);
        float[] stereo = new float[mono.length * 2];
        for (int i = 0; i < mono.length; i++) {
            stereo[2 * i] = mono[i];
            stereo[2 * i + 1] = mono[i];
        }
        int half = rate / 2;
        for (int c = 0; c < 6; c++) {
            float[] part = java.util.Arrays.copyOfRange(stereo, c * 2 * half, (c + 1) * 2 * half);
            h.send(Chunks.of("st", c, io.genrestream.avro.StreamKind.TRACK,
                    io.genrestream.audio.PcmCodec.encodeF32le(part), rate, 2,
                    io.genrestream.avro.SampleFormat.PCM_F32LE, false));
        }
        h.send(Chunks.of("st", 6, io.genrestream.avro.StreamKind.TRACK, new byte[0], rate, 2,
                io.genrestream.avro.SampleFormat.PCM_F32LE, true));
        List<SegmentScore> scores = h.scores();
        assertThat(scores).hasSize(1);
        assertThat(scores.get(0).getVote()).isEqualTo("high");
        assertThat(scores.get(0).getSampleRate()).isEqualTo(22050);
        assertThat(scores.get(0).getEndSample()).isEqualTo(66150);
    }
}
