package io.genrestream.serde;

import io.genrestream.avro.DeadLetter;
import io.genrestream.avro.DeadLetterCause;
import io.genrestream.avro.FinishReason;
import io.genrestream.avro.GenreChange;
import io.genrestream.avro.ModelScore;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.SourceMetadata;
import io.genrestream.avro.StreamGenre;
import io.genrestream.avro.TieBreak;
import io.genrestream.avro.TrackGenre;
import org.apache.avro.specific.SpecificRecord;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One filled-in record of every topic type, for round trips. */
final class SampleRecords {

    private static final Instant AT = Instant.ofEpochMilli(1_763_000_000_000L);
    private static final List<String> LABELS = List.of("blues", "classical", "jazz");

    private SampleRecords() {
    }

    static List<SpecificRecord> all() {
        return List.of(TestRecords.audioChunk("track-1", 0), segmentScore(), trackGenre(), streamGenre(), genreChange(), deadLetter());
    }

    static SegmentScore segmentScore() {
        return SegmentScore.newBuilder()
                .setTrackId("track-1").setSegmentIndex(2)
                .setStartSample(132_300).setEndSample(198_450).setStartSeconds(6.0).setEndSeconds(9.0).setSampleRate(22_050)
                .setLabels(LABELS)
                .setModelScores(List.of(new ModelScore("gru", List.of(0.1f, 0.2f, 0.7f)), new ModelScore("summary", List.of(0.2f, 0.2f, 0.6f))))
                .setEnsembleProbabilities(List.of(0.15f, 0.2f, 0.65f)).setVote("jazz").setVoteIndex(2)
                .setBundleVersion("2026-11-01").setLastChunkProducedAtMs(AT).setScoredAtMs(AT.plusMillis(140))
                .build();
    }

    static TrackGenre trackGenre() {
        return TrackGenre.newBuilder()
                .setTrackId("track-1").setGenre("jazz").setConfidence(0.6).setVotes(Map.of("jazz", 6, "blues", 4))
                .setTieBreak(TieBreak.NONE).setGruSoftmaxSums(Map.of("jazz", 5.2, "blues", 3.1, "classical", 1.7))
                .setSegmentCount(10).setDurationSeconds(30.0).setBundleVersion("2026-11-01")
                .setFirstChunkAtMs(AT).setFinishedAtMs(AT.plusSeconds(31)).setReason(FinishReason.END_OF_TRACK)
                .setSource(SourceMetadata.newBuilder().setUri("file:///music/track-1.wav").build())
                .build();
    }

    static StreamGenre streamGenre() {
        return StreamGenre.newBuilder()
                .setStreamId("radio-1").setGenre("classical").setConfidence(0.8).setVotes(Map.of("classical", 8, "jazz", 2))
                .setWindowSeconds(30.0).setWindowStartSeconds(120.0).setWindowEndSeconds(150.0).setSegmentCount(10)
                .setBundleVersion("2026-11-01").setAtMs(AT)
                .build();
    }

    static GenreChange genreChange() {
        return GenreChange.newBuilder()
                .setStreamId("radio-1").setFromGenre("jazz").setToGenre("classical").setAtSeconds(150.0).setAtMs(AT)
                .setConfidence(0.8).setBundleVersion("2026-11-01")
                .build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setSourceTopic("audio-chunks").setPartition(1).setOffset(42L).setKey(ByteBuffer.wrap("track-9".getBytes()))
                .setReason("pcm has 3 bytes, not a whole number of 2-byte samples").setCause(DeadLetterCause.ODD_BYTE_COUNT)
                .setErrorClass(null).setOriginal(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, 2})).setAtMs(AT)
                .build();
    }
}
