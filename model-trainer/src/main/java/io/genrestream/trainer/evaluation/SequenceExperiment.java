package io.genrestream.trainer.evaluation;

import io.genrestream.model.BatchScorer;
import io.genrestream.model.ModelRole;
import io.genrestream.trainer.data.SegmentDataset;
import io.genrestream.trainer.folds.GroupedFolds;
import io.genrestream.trainer.training.BatchRegularisation;
import io.genrestream.trainer.training.SequenceModelKind;
import io.genrestream.trainer.training.SequenceTrainer;
import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.VerdictRule;
import io.genrestream.vote.VoteTally;
import io.genrestream.vote.VoteWeights;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Grouped k-fold cross-validation of one segment model on a {@link SegmentDataset}: per fold, training on the other
 * folds' tracks (early stopping on a grouped hold-out of them), then segment-level and track-level figures on the
 * fold's tracks, the track verdicts coming from the app's vote code ({@link EnsembleVoter}, {@link VoteTally},
 * {@link VerdictRule}). With test-time-augmentation datasets, every test segment is also scored as the average of
 * its shifted crops, so the effect of TTA is measured on the very same trained models.
 */
public final class SequenceExperiment {

    /** Batch size used to score test segments (and to measure scoring throughput). */
    public static final int SCORING_BATCH = 64;
    /** Share of the training groups held out for early stopping (1 / this). */
    static final int VALIDATION_FOLDS = 5;

    private SequenceExperiment() {
    }

    /**
     * Data of a cross-validation.
     *
     * @param data       the segments
     * @param augmented  augmented copies of the same clips (same segment plan otherwise), may be empty
     * @param ttaShifts  datasets of the same clips with shifted segment starts, for test-time augmentation, may be
     *                   empty
     * @param foldOfTrack fold of every track of {@code data}
     * @param folds      number of folds
     */
    public record Setup(SegmentDataset data, List<SegmentDataset> augmented, List<SegmentDataset> ttaShifts,
                        int[] foldOfTrack, int folds) {
    }

    /**
     * Segment- and track-level accuracy and macro-F1, and the track-level confusion matrix ([true][predicted], label
     * order of the dataset).
     */
    public record Scores(double segmentAccuracy, double segmentMacroF1, double trackAccuracy, double trackMacroF1,
                         List<List<Integer>> trackConfusion) {
    }

    /**
     * Figures of one fold.
     *
     * @param fold              fold index
     * @param plain             scores without test-time augmentation
     * @param tta               scores with test-time augmentation, or {@code null}
     * @param secondsPerEpoch   mean training time per epoch
     * @param epochs            epochs run
     * @param bestEpoch         epoch whose weights were kept
     * @param parameters        trainable parameters
     * @param segmentsPerSecond scoring throughput on the fold's test segments (batches of {@link #SCORING_BATCH})
     * @param testTracks        tracks in the fold
     */
    public record FoldResult(int fold, Scores plain, Scores tta, double secondsPerEpoch, int epochs, int bestEpoch,
                             long parameters, double segmentsPerSecond, int testTracks) {
    }

    /** Runs the given folds. */
    public static List<FoldResult> run(Setup setup, SequenceModelKind kind, SequenceModelKind.Hyper hyper,
                                       SequenceTrainer.Settings settings, BatchRegularisation regularisation, int[] folds,
                                       String task) {
        List<FoldResult> results = new ArrayList<>();
        for (int fold : folds) {
            results.add(runFold(setup, kind, hyper, settings, regularisation, fold, task));
        }
        return results;
    }

    private static FoldResult runFold(Setup setup, SequenceModelKind kind, SequenceModelKind.Hyper hyper,
                                      SequenceTrainer.Settings settings, BatchRegularisation regularisation, int fold,
                                      String task) {
        SegmentDataset data = setup.data();
        int[] trackClass = data.trackClasses();
        List<String> labels = data.labels();
        List<Integer> trainTracks = new ArrayList<>();
        Set<Integer> testTracks = new HashSet<>();
        for (int t = 0; t < trackClass.length; t++) {
            if (setup.foldOfTrack()[t] == fold) {
                testTracks.add(t);
            } else {
                trainTracks.add(t);
            }
        }
        // early stopping on a grouped hold-out of the training tracks, never on the fold's own tracks
        // (fewer groups than that: fewer inner folds; a single group: no early stopping)
        List<String> trainGroups = trainTracks.stream().map(t -> data.clips().get(t).group()).toList();
        int innerFolds = (int) Math.min(VALIDATION_FOLDS, trainGroups.stream().distinct().count());
        int[] inner = innerFolds < 2 ? new int[trainTracks.size()]
                : GroupedFolds.assign(trainTracks.stream().mapToInt(t -> trackClass[t]).toArray(), trainGroups,
                        innerFolds, settings.seed() + fold);
        Set<Integer> fitTracks = new HashSet<>();
        Set<Integer> validationTracks = new HashSet<>();
        for (int i = 0; i < trainTracks.size(); i++) {
            (innerFolds >= 2 && inner[i] == 0 ? validationTracks : fitTracks).add(trainTracks.get(i));
        }
        int[] fitRows = data.segmentsOf(fitTracks);
        int[] valRows = data.segmentsOf(validationTracks);
        int[] testRows = data.segmentsOf(testTracks);
        int[] segmentClass = data.segmentClasses();
        boolean logMel = kind.usesLogMel();
        float[][][][] versions = new float[1 + setup.augmented().size()][][][];
        versions[0] = data.inputs(fitRows, logMel);
        for (int v = 0; v < setup.augmented().size(); v++) {
            versions[v + 1] = alignedInputs(setup.augmented().get(v), data, fitRows, logMel);
        }
        SequenceTrainer.Data trainData = SequenceTrainer.Data.ofClasses(versions, pick(segmentClass, fitRows),
                valRows.length == 0 ? null : data.inputs(valRows, logMel),
                valRows.length == 0 ? null : pick(segmentClass, valRows), labels.size(), regularisation);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task + " fold " + (fold + 1))
                .setInitialMax(settings.maxEpochs()).build();
             SequenceTrainer.Result trained = SequenceTrainer.fit(kind, hyper, trainData, labels.size(), settings,
                     e -> bar.step());
             BatchScorer scorer = BatchScorer.forModel(ModelRole.GRU, trained.model(), trained.normalization(),
                     labels.size())) {
            long start = System.nanoTime();
            float[][] p = score(scorer, data.inputs(testRows, logMel));
            double segmentsPerSecond = testRows.length / ((System.nanoTime() - start) / 1e9);
            double[] priors = priors(trainTracks, trackClass, labels.size());
            Scores plain = scores(data, testRows, p, labels, priors);
            Scores tta = null;
            if (!setup.ttaShifts().isEmpty()) {
                tta = scores(data, testRows, averagedOverShifts(setup, scorer, testRows, p, logMel), labels, priors);
            }
            return new FoldResult(fold, plain, tta, trained.secondsPerEpoch(), trained.history().trainLoss().size(),
                    trained.history().bestEpoch(), trained.parameters(), segmentsPerSecond, testTracks.size());
        }
    }

    /** Inputs of {@code other} (same clips, another plan) for the segments {@code rows} of {@code data}. */
    private static float[][][] alignedInputs(SegmentDataset other, SegmentDataset data, int[] rows, boolean logMel) {
        Map<String, Integer> trackOf = trackIndex(other);
        float[][][] out = new float[rows.length][][];
        float[][][] source = logMel ? other.logMel() : other.frames();
        float[][][] fallback = logMel ? data.logMel() : data.frames();
        for (int i = 0; i < rows.length; i++) {
            Integer t = trackOf.get(data.clips().get(data.segmentTrack()[rows[i]]).track());
            int row = t == null ? -1 : other.rowOf(t, data.segmentIndex()[rows[i]]);
            // a clip the augmented pass could not read keeps its original segment
            out[i] = row < 0 ? fallback[rows[i]] : source[row];
        }
        return out;
    }

    /** Each test segment's probabilities averaged with those of its shifted crops (where the track has them). */
    private static float[][] averagedOverShifts(Setup setup, BatchScorer scorer, int[] testRows, float[][] p,
                                                boolean logMel) {
        SegmentDataset data = setup.data();
        float[][] sum = new float[p.length][];
        int[] count = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            sum[i] = p[i].clone();
            count[i] = 1;
        }
        for (SegmentDataset shifted : setup.ttaShifts()) {
            Map<String, Integer> trackOf = trackIndex(shifted);
            List<Integer> at = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < testRows.length; i++) {
                Integer t = trackOf.get(data.clips().get(data.segmentTrack()[testRows[i]]).track());
                int row = t == null ? -1 : shifted.rowOf(t, data.segmentIndex()[testRows[i]]);
                if (row >= 0) {
                    at.add(i);
                    rows.add(row);
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            float[][] q = score(scorer, shifted.inputs(rows.stream().mapToInt(Integer::intValue).toArray(), logMel));
            for (int k = 0; k < q.length; k++) {
                int i = at.get(k);
                for (int c = 0; c < q[k].length; c++) {
                    sum[i][c] += q[k][c];
                }
                count[i]++;
            }
        }
        for (int i = 0; i < sum.length; i++) {
            for (int c = 0; c < sum[i].length; c++) {
                sum[i][c] /= count[i];
            }
        }
        return sum;
    }

    private static Map<String, Integer> trackIndex(SegmentDataset d) {
        Map<String, Integer> out = new HashMap<>();
        for (int t = 0; t < d.clips().size(); t++) {
            out.put(d.clips().get(t).track(), t);
        }
        return out;
    }

    /** Softmax of every segment, {@link #SCORING_BATCH} at a time. */
    static float[][] score(BatchScorer scorer, float[][][] segments) {
        return scorer.scoreSegments(segments, SCORING_BATCH);
    }

    /** Segment scores, and track scores after the app's vote (equal weights, no summary model, priors of the training tracks). */
    static Scores scores(SegmentDataset data, int[] rows, float[][] p, List<String> labels, double[] priors) {
        int[] segmentClass = data.segmentClasses();
        int[] truth = pick(segmentClass, rows);
        ClassificationMetrics segments = ClassificationMetrics.of(labels, truth, CrossValidation.argMax(p));
        EnsembleVoter voter = new EnsembleVoter(VoteWeights.EQUAL);
        VerdictRule rule = new VerdictRule(labels, priors, 0.0);
        Map<Integer, VoteTally> tallies = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i++) {
            tallies.computeIfAbsent(data.segmentTrack()[rows[i]], t -> new VoteTally(labels.size()))
                    .add(voter.vote(p[i], null));
        }
        int[] trackClass = data.trackClasses();
        int[] trackTruth = tallies.keySet().stream().mapToInt(t -> trackClass[t]).toArray();
        int[] verdicts = tallies.values().stream().mapToInt(v -> rule.decide(v).genreIndex()).toArray();
        ClassificationMetrics tracks = ClassificationMetrics.of(labels, trackTruth, verdicts);
        return new Scores(segments.accuracy(), segments.macroF1(), tracks.accuracy(), tracks.macroF1(),
                tracks.confusionRows());
    }

    public static double[] priors(List<Integer> tracks, int[] trackClass, int classes) {
        double[] priors = new double[classes];
        for (int t : tracks) {
            priors[trackClass[t]] += 1.0 / tracks.size();
        }
        return priors;
    }

    static int[] pick(int[] values, int[] rows) {
        return IntStream.of(rows).map(r -> values[r]).toArray();
    }
}
