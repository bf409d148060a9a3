package io.genrestream.app.scoring;

import io.genrestream.app.TestBundle;
import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BundleMismatchException;
import io.genrestream.model.ModelRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundle loads on its own thread; its manifest is checked at once, its models when they are asked for. */
class BundleLoadTest {

    private static final FeatureConfig FEATURES = FeatureConfig.librosaDefaults();

    @Test
    void theManifestIsAtHandAtOnceAndTheModelsOnceLoaded(@TempDir Path dir) throws Exception {
        Path bundle = TestBundle.write(dir.resolve("bundle"));
        try (BundleLoad load = BundleLoad.start(bundle, FEATURES)) {
            assertThat(load.manifest().labels()).isEqualTo(TestBundle.GTZAN_LABELS);
            assertThat(load.get().labels()).isEqualTo(TestBundle.GTZAN_LABELS);
            assertThat(load.get().has(ModelRole.GRU)).isTrue();
            assertThat(load.get()).as("loaded once").isSameAs(load.get());
        }
    }

    @Test
    void aBundleOfOtherFeaturesIsRefusedBeforeAnyModelLoads(@TempDir Path dir) throws Exception {
        Path bundle = TestBundle.write(dir.resolve("bundle"));
        FeatureConfig other = new FeatureConfig(16000, FEATURES.nFft(), FEATURES.hopLength(), FEATURES.nMels(),
                FEATURES.nMfcc(), FEATURES.topDb(), FEATURES.segmentSeconds(), FEATURES.centerPadding(),
                FEATURES.frameFeatures());
        assertThatThrownBy(() -> BundleLoad.start(bundle, other)).isInstanceOf(BundleMismatchException.class)
                .hasMessageContaining("sampleRate: bundle 22050, extractor 16000");
    }

    @Test
    void anUnreadableModelFileFailsTheWaitNamingTheBundle(@TempDir Path dir) throws Exception {
        Path bundle = TestBundle.write(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("gru-0000.params"), "not parameters");
        BundleLoad load = BundleLoad.start(bundle, FEATURES);
        assertThat(load.manifest().labels()).isEqualTo(TestBundle.GTZAN_LABELS);
        assertThatThrownBy(load::get).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("model bundle " + bundle + " could not be loaded")
                .hasMessageContaining("GRU");
        load.close();
    }
}
