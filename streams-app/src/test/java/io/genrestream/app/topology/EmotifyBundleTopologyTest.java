package io.genrestream.app.topology;

import io.genrestream.app.scoring.BundleSegmentModels;
import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedAudio;
import io.genrestream.audio.PcmCodec;
import io.genrestream.avro.ModelScore;
import io.genrestream.avro.SegmentScore;
import io.genrestream.avro.StreamKind;
import io.genrestream.avro.SampleFormat;
import io.genrestream.avro.TrackGenre;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.model.ModelBundle;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example Emotify bundle ({@code bundles/emotify-gru}: a GRU only, no summary model, the 4 labels classical,
 * electronic, pop, rock) served by the real topology: segments are scored by the GRU alone and the track verdict is
 * one of the bundle's own labels, not a GTZAN genre. The audio is the repository's 15 s orchestral sample (5 segments
 * of 3 s).
 */
@WithKafkaStack
class EmotifyBundleTopologyTest {

    private static final Path BUNDLE = Path.of("..", "bundles", "emotify-gru");
    private static final Path SAMPLE = Path.of("..", "samples", "orchestral.wesnoth.the_dangerous_symphony.wav");
    private static final List<String> EMOTIFY_LABELS = List.of("classical", "electronic", "pop", "rock");

    @Test
    void aGruOnlyFourLabelBundleGivesVerdictsInItsOwnTaxonomy(StackEndpoints stack, @TempDir Path state)
            throws Exception {
        try (ModelBundle bundle = ModelBundle.load(BUNDLE, FeatureConfig.librosaDefaults())) {
            assertThat(bundle.labels()).isEqualTo(EMOTIFY_LABELS);
            FeatureExtractor extractor = bundle.manifest().extractor();
            BundleSegmentModels models = new BundleSegmentModels(bundle, null);
            PipelineSettings settings = PipelineSettings.builder().optBatchSize(4).build();
            DecodedAudio audio = AudioFileDecoder.standard().decode(SAMPLE).toMono();
            float[] y = audio.resampledTo(Chunks.RATE);
            try (TopologyHarness h = new TopologyHarness(stack.schemaRegistryUrl(), settings, models, extractor,
                    state)) {
                long seq = 0;
                for (int from = 0; from < y.length; from += Chunks.RATE) {
                    byte[] pcm = PcmCodec.encodeS16le(Arrays.copyOfRange(y, from, Math.min(y.length,
                            from + Chunks.RATE)));
                    h.send(Chunks.of("orchestral", seq++, StreamKind.TRACK, pcm, Chunks.RATE, 1,
                            SampleFormat.PCM_S16LE, false));
                }
                h.send(Chunks.end("orchestral", seq));
                List<SegmentScore> scores = h.scores();
                assertThat(scores).hasSize(5);
                for (SegmentScore score : scores) {
                    assertThat(score.getLabels()).isEqualTo(EMOTIFY_LABELS);
                    assertThat(score.getModelScores()).extracting(ModelScore::getModel).containsExactly("gru");
                    assertThat(score.getEnsembleProbabilities()).hasSize(4);
                    assertThat(EMOTIFY_LABELS).contains(score.getVote());
                }
                List<TrackGenre> verdicts = h.trackGenres();
                assertThat(verdicts).hasSize(1);
                assertThat(verdicts.get(0).getSegmentCount()).isEqualTo(5);
                assertThat(EMOTIFY_LABELS).contains(verdicts.get(0).getGenre());
                assertThat(verdicts.get(0).getVotes().keySet()).allMatch(k -> EMOTIFY_LABELS.contains(k.toString()));
            }
        }
    }
}
