package io.genrestream.app.topology;

import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.AudioChunk;
import io.genrestream.avro.GenreChange;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.StreamGenre;
import io.genrestream.avro.StreamKind;
import io.genrestream.avro.TieBreak;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.TrackGenre;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.genrestream.vote.NoveltyCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Vote wiring: rolling verdicts of live streams, genre-change hysteresis, tie-breaks and the unknown threshold, with
 * {@link ToneModels} (vote chosen by tone) on the real topology.
 */
@WithKafkaStack
class VotingTopologyTest {

    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.of(FeatureConfig.librosaDefaults());
    private static String registry;
    @TempDir
    Path state;
    private TopologyHarness h;

    @BeforeAll
    static void stack(StackEndpoints stack) {
        registry = stack.schemaRegistryUrl();
    }

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private TopologyHarness start(PipelineSettings settings) {
        h = new TopologyHarness(registry, settings, new ToneModels(EXTRACTOR.config()), EXTRACTOR, state);
        return h;
    }

    /** One 3-second live chunk of {@code hz}. */
    private static AudioChunk live(String id, long seq, double hz) {
        return Chunks.of(id, seq, StreamKind.LIVE, PcmCodec.encodeS16le(Chunks.tone(hz, 3.0, Chunks.RATE)),
                Chunks.RATE, 1, SampleFormat.PCM_S16LE, false);
    }

    @Test
    void liveStreamsGetRollingVerdictsAndHysteresisDelaysTheChange() {
        start(PipelineSettings.builder().optBatchSize(1).optLiveWindowSeconds(9).optChangeStreak(2)
                .optChangeMinConfidence(0.5).build());
        double[] tones = {300, 300, 300, 300, 4000, 4000, 4000, 4000};
        for (int s = 0; s < tones.length; s++) {
            h.send(live("radio", s, tones[s]));
        }
        List<StreamGenre> rolling = h.streamGenres();
        // window of 3 segments: L, LL, LLL, LLL, LLH, LHH, HHH, HHH
        assertThat(rolling).extracting(StreamGenre::getGenre)
                .containsExactly("low", "low", "low", "low", "low", "high", "high", "high");
        assertThat(rolling).extracting(StreamGenre::getSegmentCount).containsExactly(1, 2, 3, 3, 3, 3, 3, 3);
        // confidence: the winner's mean probability; a pure tone's is ~0.999 for its band and ~0.001 elsewhere
        assertThat(rolling.get(4).getConfidence()).isCloseTo(2.0 / 3, within(0.01));
        assertThat(rolling.get(4).getVotes()).containsEntry("low", 2).containsEntry("high", 1);
        assertThat(rolling.get(7).getWindowStartSeconds()).isEqualTo(15.0);
        assertThat(rolling.get(7).getWindowEndSeconds()).isEqualTo(24.0);

        List<GenreChange> changes = h.changes();
        // first genre after 2 low verdicts; high wins at segment 5 but needs a second verdict (segment 6)
        assertThat(changes).extracting(GenreChange::getFromGenre, GenreChange::getToGenre)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unknown", "low"),
                        org.assertj.core.groups.Tuple.tuple("low", "high"));
        assertThat(changes.get(0).getAtSeconds()).isEqualTo(6.0);
        assertThat(changes.get(1).getAtSeconds()).isEqualTo(21.0);
        assertThat(h.trackGenres()).as("live streams get no track verdict").isEmpty();
    }

    @Test
    void aSilentLiveStreamExpiresWithoutAVerdictAndMayComeBack() {
        start(PipelineSettings.builder().optBatchSize(1).optInactivityTimeout(Duration.ofSeconds(30)).build());
        h.send(live("radio", 0, 300));
        h.send(live("radio", 1, 300));
        assertThat(h.streamGenres()).hasSize(2);
        h.advance(Duration.ofSeconds(31), Duration.ofSeconds(1));
        assertThat(h.trackGenres()).isEmpty();
        assertThat(h.count(PipelineMeters.Event.STREAMS_TIMED_OUT)).isEqualTo(1.0);
        // back, a new session at its sequence
        h.send(live("radio", 17, 1000));
        List<StreamGenre> rolling = h.streamGenres();
        assertThat(rolling).hasSize(1);
        assertThat(rolling.get(0).getGenre()).isEqualTo("mid");
        assertThat(rolling.get(0).getSegmentCount()).isEqualTo(1);
    }

    @Test
    void aTieIsBrokenByTheSummedGruSoftmaxAndLowConfidenceIsUnknown() {
        start(PipelineSettings.builder().optBatchSize(1).optUnknownThreshold(0.3).build());
        send3("tie", 300, 1000, 4000);
        TrackGenre tie = h.trackGenres().get(0);
        assertThat(tie.getTieBreak()).isEqualTo(TieBreak.GRU_SOFTMAX);
        assertThat(tie.getConfidence()).isCloseTo(1.0 / 3, within(0.01));
        String largestSum = tie.getGruSoftmaxSums().entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow().getKey();
        assertThat(tie.getGenre()).isEqualTo(largestSum);
        h.close();

        start(PipelineSettings.builder().optBatchSize(1).optUnknownThreshold(0.5).build());
        send3("unsure", 300, 1000, 4000);
        TrackGenre unsure = h.trackGenres().get(0);
        assertThat(unsure.getGenre()).isEqualTo(PipelineSettings.UNKNOWN_GENRE);
        assertThat(unsure.getConfidence()).isCloseTo(1.0 / 3, within(0.01));
        send3("sure", 300, 300, 1000);
        TrackGenre sure = h.trackGenres().get(0);
        assertThat(sure.getGenre()).isEqualTo("low");
        assertThat(sure.getTieBreak()).isEqualTo(TieBreak.NONE);
        assertThat(sure.getConfidence()).isCloseTo(2.0 / 3, within(0.01));
        h.close();
        h = null;
    }

    /**
     * A novelty check that measures only the summary window's mean spectral centroid: "trained" on 300 Hz, scale
     * 100 Hz, threshold 5 (a 4 kHz tone is 37 scales away).
     */
    private static final NoveltyCheck CENTROID_NEAR_300_HZ = centroidCheck();

    private static NoveltyCheck centroidCheck() {
        int n = SummaryFeatures.COLUMNS.size();
        int centroid = SummaryFeatures.COLUMNS.indexOf(FeatureConfig.SPECTRAL_CENTROID + "_mean");
        double[] mean = new double[n];
        double[] scale = new double[n];
        java.util.Arrays.fill(scale, 1);
        double[][] precision = new double[n][n];
        mean[centroid] = 300;
        scale[centroid] = 100;
        precision[centroid][centroid] = 1;
        return new NoveltyCheck(mean, scale, precision, 5);
    }

    @Test
    void aLiveStationIsUnknownWhileItsWindowIsFarFromTheTrainingData() {
        // summary rows of one segment each, rolling verdicts over two segments
        h = new TopologyHarness(registry, PipelineSettings.builder().optBatchSize(1).optSummaryWindowSeconds(3)
                .optLiveWindowSeconds(6).build(), new ToneModels(EXTRACTOR.config(), CENTROID_NEAR_300_HZ), EXTRACTOR,
                state);
        double[] tones = {300, 300, 4000, 4000, 300, 300};
        for (int s = 0; s < tones.length; s++) {
            h.send(live("station", s, tones[s]));
        }
        List<StreamGenre> rolling = h.streamGenres();
        assertThat(rolling).extracting(StreamGenre::getGenre).containsExactly("low", "low", "unknown", "unknown",
                "unknown", "low");
        assertThat(rolling.get(2).getNovelty()).isGreaterThan(5.0);
        assertThat(rolling.get(5).getNovelty()).isLessThan(1.0);
    }

    @Test
    void audioFarFromTheTrainingDataIsUnknownHoweverSureTheModels() {
        h = new TopologyHarness(registry, PipelineSettings.builder().optBatchSize(1).optUnknownThreshold(0.5).build(),
                new ToneModels(EXTRACTOR.config(), CENTROID_NEAR_300_HZ), EXTRACTOR, state);

        send3("near", 300, 300, 300);
        List<SegmentScore> nearScores = h.scores();
        TrackGenre near = h.trackGenres().get(0);
        assertThat(near.getGenre()).isEqualTo("low");
        assertThat(nearScores).allSatisfy(s -> assertThat(s.getNovelty()).isLessThan(1.0));
        assertThat(near.getNovelty()).isCloseTo(nearScores.stream().mapToDouble(SegmentScore::getNovelty).average()
                .orElseThrow(), within(1e-9));

        send3("far", 4000, 4000, 4000);
        List<SegmentScore> farScores = h.scores();
        TrackGenre far = h.trackGenres().get(0);
        assertThat(far.getGenre()).as("a sure 'high' from the models, but 4 kHz is 37 scales from the training data")
                .isEqualTo(PipelineSettings.UNKNOWN_GENRE);
        assertThat(far.getConfidence()).isGreaterThan(0.99);
        assertThat(farScores).allSatisfy(s -> assertThat(s.getNovelty()).isGreaterThan(30.0));
        assertThat(far.getNovelty()).isGreaterThan(5.0);

    }

    private void send3(String id, double a, double b, double c) {
        double[] hz = {a, b, c};
        for (int s = 0; s < 3; s++) {
            h.send(Chunks.of(id, s, StreamKind.TRACK, PcmCodec.encodeS16le(Chunks.tone(hz[s], 3.0, Chunks.RATE)),
                    Chunks.RATE, 1, SampleFormat.PCM_S16LE, s == 2));
        }
    }

    @Test
    void segmentsAreScoredInBatchesOfTheConfiguredSizeOrAfterTheLinger() {
        start(PipelineSettings.builder().optBatchSize(4).optBatchLinger(Duration.ofMillis(500)).build());
        for (int s = 0; s < 3; s++) {
            h.send(live("a", s, 300));
        }
        assertThat(h.streamGenres()).as("3 segments wait for a 4th or the linger").isEmpty();
        h.send(live("b", 0, 4000));
        assertThat(h.streamGenres()).as("4 segments of two streams make a batch").hasSize(4);
        h.send(live("a", 3, 300));
        h.advance(Duration.ofMillis(200));
        assertThat(h.streamGenres()).isEmpty();
        h.advance(Duration.ofMillis(400));
        assertThat(h.streamGenres()).as("scored after the linger").hasSize(1);
    }
}
