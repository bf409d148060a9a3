package io.genrestream.trainer.evaluation;

import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.trainer.folds.TrackSplits;
import io.genrestream.trainer.training.FoldClassifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Runs models over the same splits and collects per-fold and pooled figures. */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * One model's cross-validation result.
     *
     * @param model          model name
     * @param foldAccuracies accuracy per fold
     * @param foldMacroF1    macro-F1 per fold
     * @param pooled         confusion over all folds' test rows
     * @param seconds        wall time of all folds
     */
    public record Result(String model, List<Double> foldAccuracies, List<Double> foldMacroF1,
                         ClassificationMetrics pooled, double seconds) {

        /** Mean fold accuracy. */
        public double meanAccuracy() {
            return mean(foldAccuracies);
        }

        /** Population standard deviation of the fold accuracies (as numpy's default, like the reference). */
        public double stdAccuracy() {
            return std(foldAccuracies);
        }

        /** Mean fold macro-F1. */
        public double meanMacroF1() {
            return mean(foldMacroF1);
        }
    }

    /** Runs every model over every split (validated first), with a progress bar over model x fold. */
    public static Map<String, Result> run(FeatureTable table, List<TrackSplits.Split> splits,
                                          List<FoldClassifier> models) {
        for (int f = 0; f < splits.size(); f++) {
            TrackSplits.validate(table, splits.get(f), "fold " + (f + 1));
        }
        Map<String, Result> results = new LinkedHashMap<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("cross-validation")
                .setInitialMax((long) models.size() * splits.size()).continuousUpdate().build()) {
            for (FoldClassifier model : models) {
                bar.setExtraMessage(model.name());
                long start = System.nanoTime();
                List<Double> acc = new ArrayList<>();
                List<Double> f1 = new ArrayList<>();
                ClassificationMetrics pooled = null;
                for (TrackSplits.Split split : splits) {
                    float[][] p = model.fitPredict(table, split.train(), split.test());
                    ClassificationMetrics m = ClassificationMetrics.of(table.labels(), table.classes(split.test()),
                            argMax(p));
                    acc.add(m.accuracy());
                    f1.add(m.macroF1());
                    pooled = pooled == null ? m : pooled.plus(m);
                    bar.step();
                }
                results.put(model.name(), new Result(model.name(), acc, f1, pooled,
                        (System.nanoTime() - start) / 1e9));
            }
        }
        return results;
    }

    /**
     * Remembers a classifier's predictions per split, so an ensemble and the same model reported alone train it
     * once per fold.
     */
    public static FoldClassifier memoized(FoldClassifier inner) {
        java.util.Map<TrackSplits.Split, float[][]> cache = new java.util.IdentityHashMap<>();
        return new FoldClassifier() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public synchronized float[][] fitPredict(FeatureTable table, int[] train, int[] test) {
                TrackSplits.Split key = cache.keySet().stream()
                        .filter(s -> s.train() == train && s.test() == test).findFirst().orElse(null);
                if (key != null) {
                    return cache.get(key);
                }
                float[][] p = inner.fitPredict(table, train, test);
                cache.put(new TrackSplits.Split(train, test), p);
                return p;
            }
        };
    }

    /** Arg-max per row (lowest index on ties). */
    public static int[] argMax(float[][] p) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) {
                if (p[i][c] > p[i][best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double std(List<Double> values) {
        double m = mean(values);
        return Math.sqrt(values.stream().mapToDouble(v -> (v - m) * (v - m)).average().orElse(Double.NaN));
    }
}
