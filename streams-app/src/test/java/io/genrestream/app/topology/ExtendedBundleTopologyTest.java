package io.genrestream.app.topology;

import io.genrestream.app.scoring.BundleSegmentModels;
import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedAudio;
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

/**
 * The committed {@code bundles/extended} (117 summary columns: GTZAN's 57, contrast, rhythm, balance, tonality) on
 * the real topology with the PyTorch engine, fed by the extractor its manifest describes: the demo's metal clip
 * comes out metal, as it does with the default bundle.
 */
@WithKafkaStack
class ExtendedBundleTopologyTest {

    private static final Path BUNDLE = Path.of("..", "bundles", "extended");
    private static final Path METAL = Path.of("..", "samples", "metal.muldjord.chaos_god.wav");

    @Test
    void theExtendedBundleScoresItsOwnColumnsAndCallsTheMetalClipMetal(StackEndpoints stack, @TempDir Path state)
            throws Exception {
        try (ModelBundle bundle = ModelBundle.load(BUNDLE, FeatureConfig.librosaDefaults())) {
            assertThat(bundle.manifest().summaryColumns()).isEqualTo(SummaryFeatures.EXTENDED_COLUMNS);
            FeatureExtractor extractor = bundle.manifest().extractor();
            DecodedAudio metal = AudioFileDecoder.standard().decode(METAL).toMono();
            try (TopologyHarness h = new TopologyHarness(stack.schemaRegistryUrl(), PipelineSettings.builder().build(),
                    new BundleSegmentModels(bundle, null), extractor, state)) {
                Chunks.track("metal", metal.samples(), metal.sampleRate()).forEach(h::send);
                List<SegmentScore> scores = h.scores();
                assertThat(scores).hasSize(5).allSatisfy(s -> assertThat(s.getModelScores())
                        .extracting(ModelScore::getModel).containsExactly("gru", "summary"));
                TrackGenre verdict = h.trackGenres().get(0);
                assertThat(verdict.getGenre()).isEqualTo("metal");
                assertThat(verdict.getNovelty()).isLessThan(bundle.manifest().novelty().threshold());
            }
        }
    }
}
