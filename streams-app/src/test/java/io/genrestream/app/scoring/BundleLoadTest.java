package io.genrestream.app.scoring;

import io.genrestream.app.TestBundle;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SegmentStatistics;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.features.TempoEstimator;
import io.genrestream.model.BundleMismatchException;
import io.genrestream.model.ModelRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundle loads on its own thread; its manifest is checked at once, its models when they are asked for. */
class BundleLoadTest {

    private static final FeatureConfig FEATURES = FeatureConfig.librosaDefaults();
    private static final FeatureExtractor EXTRACTOR = FeatureExtractor.of(FEATURES);

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
    void theExtractorComputesTheSummaryColumnsTheBundleLists(@TempDir Path dir) throws Exception {
        Path gtzan = TestBundle.write(dir.resolve("gtzan"));
        Path extended = TestBundle.write(dir.resolve("extended"), SummaryFeatures.EXTENDED_COLUMNS);
        try (BundleLoad g = BundleLoad.start(gtzan, FEATURES); BundleLoad e = BundleLoad.start(extended, FEATURES)) {
            assertThat(g.extractor().summaryColumns()).isEqualTo(SummaryFeatures.COLUMNS);
            assertThat(e.extractor().summaryColumns()).isEqualTo(SummaryFeatures.EXTENDED_COLUMNS);
            assertThat(e.extractor().config()).isEqualTo(FEATURES);
        }
        assertThatThrownBy(() -> BundleLoad.start(dir.resolve("missing"), FEATURES))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void theLoadedModelsAreWarmedUpOnAMadeUpSegment(@TempDir Path dir) throws Exception {
        Path bundle = TestBundle.write(dir.resolve("bundle"));
        try (BundleLoad load = BundleLoad.start(bundle, FEATURES)) {
            assertThat(load.warmUp().get(60, TimeUnit.SECONDS)).isNotNegative();
        }
    }

    @Test
    void theMadeUpSegmentHasOnsetsAndATempo() {
        float[] y = ScoringWarmUp.segment(FEATURES.sampleRate(), FEATURES.segmentSeconds());
        assertThat(y).hasSize(66150);
        SegmentStatistics window = SegmentStatistics.mergeAvailable(List.of(EXTRACTOR.extract(y).statistics()));
        // struck twice a second: 120 beats per minute
        assertThat(TempoEstimator.fromEnvelope(window.onsetEnvelope(), FEATURES)).isBetween(117.0, 123.5);
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
        assertThat(load.warmUp()).as("nothing to warm up").isCompletedExceptionally();
        load.close();
    }
}
