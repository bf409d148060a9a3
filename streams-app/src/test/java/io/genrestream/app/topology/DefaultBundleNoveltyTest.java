package io.genrestream.app.topology;

import io.genrestream.app.scoring.BundleSegmentModels;
import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedAudio;
import io.genrestream.avro.TrackGenre;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.model.ModelBundle;
import io.genrestream.testing.StackEndpoints;
import io.genrestream.testing.WithKafkaStack;
import io.genrestream.vote.NoveltyCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed default bundle's novelty check on the real topology: a pure tone, which the models score with some
 * confidence as a genre, is set to unknown for being far from the training music, while the open-licensed metal demo
 * clip ({@code samples/}) stays within the training distribution.
 */
@WithKafkaStack
class DefaultBundleNoveltyTest {

    private static final Path DEFAULT_BUNDLE = Path.of("..", "bundles", "default");
    private static final Path METAL_SAMPLE = Path.of("..", "samples", "metal.muldjord.chaos_god.wav");
    private static ModelBundle bundle;

    @BeforeAll
    static void load() throws Exception {
        bundle = ModelBundle.load(DEFAULT_BUNDLE, FeatureConfig.librosaDefaults());
    }

    @AfterAll
    static void close() {
        bundle.close();
    }

    @Test
    void aToneIsUnknownForItsDistanceAndMusicIsNot(StackEndpoints stack, @TempDir Path state) throws Exception {
        NoveltyCheck check = bundle.manifest().novelty();
        assertThat(check.enabled()).as("bundles/default carries a novelty check").isTrue();
        FeatureExtractor extractor = bundle.manifest().extractor();
        try (TopologyHarness h = new TopologyHarness(stack.schemaRegistryUrl(), PipelineSettings.builder().build(),
                new BundleSegmentModels(bundle, null), extractor, state)) {
            Chunks.track("tone", Chunks.tone(440, 30, Chunks.RATE), Chunks.RATE).forEach(h::send);
            TrackGenre tone = h.trackGenres().get(0);
            assertThat(tone.getGenre()).isEqualTo(PipelineSettings.UNKNOWN_GENRE);
            assertThat(tone.getNovelty()).isGreaterThan(check.threshold());

            DecodedAudio metal = AudioFileDecoder.standard().decode(METAL_SAMPLE).toMono();
            int rate = metal.sampleRate();
            Chunks.track("metal", Arrays.copyOf(metal.samples(), Math.min(metal.samples().length, 30 * rate)), rate)
                    .forEach(h::send);
            TrackGenre music = h.trackGenres().get(0);
            assertThat(music.getNovelty()).isLessThan(check.threshold());
        }
    }
}
