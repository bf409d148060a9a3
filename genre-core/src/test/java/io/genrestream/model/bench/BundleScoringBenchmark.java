package io.genrestream.model.bench;

import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.vote.NoveltyCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the scoring cost per segment of a bundle's models, as the app pays it: a micro-batch of {@value #BATCH}
 * segments (the app's {@code genre.scoring.batch-size}) through the GRU (frame matrices) and the summary model (one
 * summary row each), single-threaded. Inputs are random values of the right shapes: the cost of a dense forward
 * pass does not depend on them. {@code bundle} is a bundle directory (relative to the working directory); compare
 * two bundles in one run. See docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BundleScoringBenchmark {

    static final int BATCH = 32;

    @Param({"bundles/default"})
    public String bundle;

    private ModelBundle models;
    private BatchScorer gru;
    private BatchScorer summary;
    private float[][][] frames;
    private float[][] rows;

    @Setup
    public void setUp() throws IOException {
        FeatureConfig config = FeatureConfig.librosaDefaults();
        models = ModelBundle.load(Path.of(bundle), config);
        gru = models.newScorer(ModelRole.GRU);
        summary = models.newScorer(ModelRole.SUMMARY);
        Random random = new Random(1);
        frames = new float[BATCH][config.framesPerSegment()][config.frameFeatureCount()];
        rows = new float[BATCH][models.manifest().summaryColumns().size()];
        for (int s = 0; s < BATCH; s++) {
            for (float[] frame : frames[s]) {
                for (int j = 0; j < frame.length; j++) {
                    frame[j] = (float) random.nextGaussian();
                }
            }
            for (int j = 0; j < rows[s].length; j++) {
                rows[s][j] = (float) random.nextGaussian();
            }
        }
    }

    @TearDown
    public void tearDown() {
        gru.close();
        summary.close();
        models.close();
    }

    /** The bundle's novelty check (Mahalanobis distance of each summary row), per segment; 0 work without one. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double noveltyBatch() {
        NoveltyCheck check = models.manifest().novelty();
        double sum = 0;
        for (float[] row : rows) {
            sum += check.distance(row);
        }
        return sum;
    }

    /** Both models on one micro-batch; the figure is per segment. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[][][] scoreBatch() {
        return new float[][][] {gru.scoreSegments(frames, BATCH), summary.scoreRows(rows)};
    }
}
