package io.genrestream.app.topology;

import io.genrestream.app.TestBundle;
import io.genrestream.app.scoring.BundleLoad;
import io.genrestream.app.scoring.BundleSegmentModels;
import io.genrestream.avro.ModelScore;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.TrackGenre;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.model.ModelBundle;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The topology with real DJL models (PyTorch engine, a small fixed-seed bundle): both models score every segment in
 * micro-batches, the ensemble vote is the arg-max, and one predictor set is acquired and released per thread.
 */
@WithKafkaStack
class RealModelTopologyTest {

    @Test
    void realModelsScoreEverySegmentAndTheTrackGetsOneVerdict(StackEndpoints stack, @TempDir Path dir,
                                                              @TempDir Path state) throws Exception {
        try (ModelBundle bundle = ModelBundle.load(TestBundle.write(dir.resolve("bundle")),
                FeatureConfig.librosaDefaults())) {
            FeatureExtractor extractor = bundle.manifest().extractor();
            BundleSegmentModels models = new BundleSegmentModels(bundle, null);
            PipelineSettings settings = PipelineSettings.builder().optBatchSize(4).build();
            try (TopologyHarness h = new TopologyHarness(stack.schemaRegistryUrl(), settings, models, extractor,
                    state)) {
                for (int s = 0; s < 12; s++) {
                    h.send(Chunks.second("real", s, 200 + 300 * s));
                }
                h.send(Chunks.end("real", 12));
                List<SegmentScore> scores = h.scores();
                assertThat(scores).extracting(SegmentScore::getSegmentIndex).containsExactly(0, 1, 2, 3);
                for (SegmentScore score : scores) {
                    assertThat(score.getLabels()).isEqualTo(TestBundle.GTZAN_LABELS);
                    assertThat(score.getModelScores()).extracting(ModelScore::getModel)
                            .containsExactly("gru", "summary");
                    for (ModelScore m : score.getModelScores()) {
                        assertThat(m.getProbabilities().stream().mapToDouble(Float::doubleValue).sum())
                                .isCloseTo(1.0, within(1e-4));
                    }
                    List<Float> ensemble = score.getEnsembleProbabilities();
                    int argmax = 0;
                    for (int g = 1; g < ensemble.size(); g++) {
                        argmax = ensemble.get(g) > ensemble.get(argmax) ? g : argmax;
                    }
                    assertThat(score.getVoteIndex()).isEqualTo(argmax);
                    assertThat(score.getVote()).isEqualTo(TestBundle.GTZAN_LABELS.get(argmax));
                    assertThat(score.getBundleVersion()).isEqualTo(bundle.version());
                }
                List<TrackGenre> verdicts = h.trackGenres();
                assertThat(verdicts).hasSize(1);
                assertThat(verdicts.get(0).getSegmentCount()).isEqualTo(4);
                assertThat(verdicts.get(0).getVotes().values().stream().mapToInt(Integer::intValue).sum())
                        .isEqualTo(4);
            }
        }
    }

    @Test
    void aBundleOfExtendedSummaryColumnsIsFedThemByTheExtractorTheAppBuildsForIt(StackEndpoints stack,
            @TempDir Path dir, @TempDir Path state) throws Exception {
        Path path = TestBundle.write(dir.resolve("bundle"), SummaryFeatures.EXTENDED_COLUMNS);
        // as the app starts it (ModelFactory): the bundle's own extractor
        try (BundleLoad bundle = BundleLoad.start(path, FeatureConfig.librosaDefaults());
             TopologyHarness h = new TopologyHarness(stack.schemaRegistryUrl(), PipelineSettings.builder().build(),
                     new BundleSegmentModels(bundle, null), bundle.extractor(), state)) {
            for (int s = 0; s < 12; s++) {
                h.send(Chunks.second("extended", s, 200 + 300 * s));
            }
            h.send(Chunks.end("extended", 12));
            // a summary row of other width than the model's 117 inputs would fail every segment to the dead letters
            assertThat(h.scores()).hasSize(4).allSatisfy(score -> assertThat(score.getModelScores())
                    .extracting(ModelScore::getModel).containsExactly("gru", "summary"));
            assertThat(h.trackGenres()).hasSize(1);
        }
    }
}
