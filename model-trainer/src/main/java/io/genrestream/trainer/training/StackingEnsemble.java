package io.genrestream.trainer.training;

import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.trainer.evaluation.CrossValidation;
import io.genrestream.trainer.folds.TrackSplits;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * Stacked generalisation: a logistic-regression meta-learner (Tribuo liblinear L2R_LR, C = 1, on standardised inputs)
 * over the members' class probabilities. The meta-learner is fitted on out-of-fold probabilities from an inner stratified k-fold over the
 * training rows only, so the outer test rows never influence it (nested); the members are then refitted on all
 * training rows and their test-row probabilities go through the meta-learner.
 */
public final class StackingEnsemble implements FoldClassifier {

    /** Default inner folds giving the meta-learner's out-of-fold training data. */
    public static final int DEFAULT_INNER_FOLDS = 5;
    /** Cost (inverse L2 strength) of the meta-learner; liblinear's and scikit-learn's default. */
    public static final double META_COST = 1.0;
    private static final int META_MAX_ITERATIONS = 1000;
    private static final double META_EPSILON = 0.01;

    private static final LabelFactory LABELS = new LabelFactory();

    private final String name;
    private final List<FoldClassifier> members;
    private final InnerFolds innerFolds;
    private final long seed;

    /**
     * A stack of {@code members}.
     *
     * @param innerFolds inner splits of the training rows; pass one instance to several stacks (and memoized members,
     *                   {@link CrossValidation#memoized}) so members shared between stacks train once per inner fold
     * @param seed       seed of the meta-learner
     */
    public StackingEnsemble(String name, List<FoldClassifier> members, InnerFolds innerFolds, long seed) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a stack needs members");
        }
        this.name = name;
        this.members = List.copyOf(members);
        this.innerFolds = innerFolds;
        this.seed = seed;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[][] fitPredict(FeatureTable table, int[] train, int[] test) {
        int classes = table.labels().size();
        float[][] outOfFold = new float[train.length][members.size() * classes];
        Map<Integer, Integer> positionOfRow = new java.util.HashMap<>();
        for (int i = 0; i < train.length; i++) {
            positionOfRow.put(train[i], i);
        }
        for (TrackSplits.Split inner : innerFolds.of(table, train)) {
            for (int m = 0; m < members.size(); m++) {
                float[][] p = members.get(m).fitPredict(table, inner.train(), inner.test());
                for (int i = 0; i < p.length; i++) {
                    System.arraycopy(p[i], 0, outOfFold[positionOfRow.get(inner.test()[i])], m * classes, classes);
                }
            }
        }
        // standardised inputs, so the meta-learner's regularisation does not depend on how soft the members are
        Model<Label> meta = new TransformTrainer<>(new LibLinearClassificationTrainer(new LinearClassificationType(
                LinearClassificationType.LinearType.L2R_LR), META_COST, META_MAX_ITERATIONS, META_EPSILON, seed),
                new TransformationMap(List.of(new MeanStdDevTransformation())))
                .train(metaDataset(table, outOfFold, table.classes(train)));

        float[][] testInputs = new float[test.length][members.size() * classes];
        for (int m = 0; m < members.size(); m++) {
            float[][] p = members.get(m).fitPredict(table, train, test);
            for (int i = 0; i < p.length; i++) {
                System.arraycopy(p[i], 0, testInputs[i], m * classes, classes);
            }
        }
        float[][] out = new float[test.length][classes];
        for (int i = 0; i < test.length; i++) {
            Prediction<Label> p = meta.predict(metaExample(table, testInputs[i], -1));
            for (Map.Entry<String, Label> e : p.getOutputScores().entrySet()) {
                out[i][table.labels().indexOf(e.getKey())] = (float) e.getValue().getScore();
            }
        }
        return out;
    }

    private static MutableDataset<Label> metaDataset(FeatureTable table, float[][] inputs, int[] classes) {
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("out-of-fold member probabilities", LABELS), LABELS);
        for (int i = 0; i < inputs.length; i++) {
            dataset.add(metaExample(table, inputs[i], classes[i]));
        }
        return dataset;
    }

    /** One meta-learner row; {@code cls} &lt; 0 for an unlabelled (test) row. */
    private static ArrayExample<Label> metaExample(FeatureTable table, float[] inputs, int cls) {
        int classes = table.labels().size();
        String[] names = new String[inputs.length];
        double[] values = new double[inputs.length];
        for (int j = 0; j < inputs.length; j++) {
            names[j] = "member" + (j / classes) + "." + table.labels().get(j % classes);
            values[j] = inputs[j];
        }
        Label label = cls < 0 ? LABELS.getUnknownOutput() : new Label(table.labels().get(cls));
        return new ArrayExample<>(label, names, values);
    }

    /**
     * Stratified k-fold over the tracks of a set of training rows, remembered per training-row array (by identity) so
     * every stack and memoized member sees the same inner split objects.
     */
    public static final class InnerFolds {

        private final int folds;
        private final long seed;
        private final Map<int[], List<TrackSplits.Split>> cache = new IdentityHashMap<>();

        /** {@code folds} inner folds dealt with {@code seed}. */
        public InnerFolds(int folds, long seed) {
            if (folds < 2) {
                throw new IllegalArgumentException("stacking needs at least 2 inner folds, got " + folds);
            }
            this.folds = folds;
            this.seed = seed;
        }

        /** The inner splits of {@code rows}, as row indices of {@code table}. */
        public synchronized List<TrackSplits.Split> of(FeatureTable table, int[] rows) {
            return cache.computeIfAbsent(rows, r -> split(table, r));
        }

        private List<TrackSplits.Split> split(FeatureTable table, int[] rows) {
            // TrackSplits deals a whole table's tracks; a sub-table of the training rows keeps its logic
            List<String> ids = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int r : rows) {
                ids.add(table.rowIds().get(r));
                labels.add(table.labels().get(table.classes()[r]));
            }
            FeatureTable sub = FeatureTable.of(ids, table.featureNames(), table.rows(rows), labels);
            List<TrackSplits.Split> out = new ArrayList<>();
            for (TrackSplits.Split s : TrackSplits.stratifiedKFold(sub, folds, seed)) {
                out.add(new TrackSplits.Split(map(rows, s.train()), map(rows, s.test())));
            }
            return out;
        }

        private static int[] map(int[] rows, int[] subIndices) {
            int[] out = new int[subIndices.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = rows[subIndices[i]];
            }
            return out;
        }
    }
}
