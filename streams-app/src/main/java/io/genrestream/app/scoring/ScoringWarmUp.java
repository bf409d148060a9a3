package io.genrestream.app.scoring;

import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SegmentFeatures;
import io.genrestream.features.SegmentStatistics;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;

import java.util.List;
import java.util.Random;

/**
 * One made-up segment through the feature extractor and every model of a freshly loaded bundle, before any stream
 * thread needs them. A JVM's first segment costs about ten times a warm one (its classes load and its code runs
 * interpreted: 385 ms against 35-50 ms for the features on this machine, docs/benchmarks.md "Failover (issue 17)");
 * after a restart that first segment sits on the critical path of every stream's backlog. Done here, it overlaps
 * Kafka Streams' start and group join instead. The result is thrown away; only the code paths matter.
 */
final class ScoringWarmUp {

    private ScoringWarmUp() {
    }

    /** Runs the segment through {@code extractor} and the bundle's models; returns the milliseconds it took. */
    static long run(ModelBundle bundle, FeatureExtractor extractor) {
        long start = System.nanoTime();
        SegmentFeatures features = extractor.extract(segment(extractor.config().sampleRate(),
                extractor.config().segmentSeconds()));
        float[] summary = extractor.summaryRow(SegmentStatistics.mergeAvailable(List.of(features.statistics())));
        if (bundle.has(ModelRole.GRU)) {
            try (BatchScorer gru = bundle.newScorer(ModelRole.GRU)) {
                gru.scoreSegments(new float[][][] {features.frameMatrix()});
            }
        }
        if (bundle.has(ModelRole.SUMMARY)) {
            try (BatchScorer model = bundle.newScorer(ModelRole.SUMMARY)) {
                model.scoreRows(new float[][] {summary});
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A chord struck twice a second over faint noise, so onsets, tempo and both HPSS halves have work to do. */
    static float[] segment(int sampleRate, double seconds) {
        Random noise = new Random(17);
        float[] y = new float[(int) Math.round(sampleRate * seconds)];
        for (int i = 0; i < y.length; i++) {
            double t = (double) i / sampleRate;
            double decay = Math.exp(-6 * (t % 0.5));
            double chord = Math.sin(2 * Math.PI * 220 * t) + Math.sin(2 * Math.PI * 277.2 * t)
                    + Math.sin(2 * Math.PI * 329.6 * t);
            y[i] = (float) (0.2 * decay * chord + 0.02 * noise.nextGaussian());
        }
        return y;
    }
}
