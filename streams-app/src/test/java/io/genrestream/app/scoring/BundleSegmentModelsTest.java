package io.genrestream.app.scoring;

import io.genrestream.app.TestBundle;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.model.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** One set of DJL predictors per stream thread, shared by the thread's tasks and closed with the last of them. */
class BundleSegmentModelsTest {

    @Test
    void eachThreadGetsItsOwnPredictorsSharedByItsTasks(@TempDir Path dir) throws Exception {
        FeatureConfig config = FeatureConfig.librosaDefaults();
        try (ModelBundle bundle = ModelBundle.load(TestBundle.write(dir), config)) {
            BundleSegmentModels models = new BundleSegmentModels(bundle, null);
            SegmentModels.ThreadScorer first = models.acquire();
            SegmentModels.ThreadScorer second = models.acquire();
            assertThat(second).as("two tasks of one thread share it").isSameAs(first);

            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                SegmentModels.ThreadScorer elsewhere = other.submit(models::acquire).get();
                assertThat(elsewhere).as("another thread gets its own").isNotSameAs(first);
                other.submit(elsewhere::close).get();
            } finally {
                other.shutdown();
            }

            float[][][] frames = new float[2][config.framesPerSegment()][config.frameFeatureCount()];
            float[][] summaries = new float[2][SummaryFeatures.COLUMNS.size()];
            float[][] p = first.scoreFrames(frames);
            assertThat(p).hasDimensions(2, TestBundle.GTZAN_LABELS.size());
            double sum = 0;
            for (float v : p[0]) {
                sum += v;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-5));
            assertThat(first.scoreSummaries(summaries)).hasDimensions(2, TestBundle.GTZAN_LABELS.size());
            assertThat(first.device()).isEqualTo(bundle.device().toString());

            first.close();
            assertThat(second.scoreFrames(frames)).as("still open for the other task").hasNumberOfRows(2);
            second.close();
            assertThatThrownBy(() -> first.scoreFrames(frames)).as("closed with the last task")
                    .isInstanceOf(RuntimeException.class);
            SegmentModels.ThreadScorer fresh = models.acquire();
            assertThat(fresh).isNotSameAs(first);
            fresh.close();
        }
    }
}
