package io.genrestream.trainer.training;

import io.genrestream.trainer.data.FeatureTable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.LinearScalingTransformation;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * Classic baselines through Tribuo, configured like the scikit-learn reference script
 * (../shared/tools/sklearn_gtzan30.py): RBF SVM (C=10, gamma=1/features on standardised data, i.e. "scale"), logistic regression
 * (liblinear, standardised), kNN (k=5, min-max scaled), random forest (CART, sqrt(features) per split) and gradient
 * boosting (XGBoost; also a subsampled variant with more rounds at a lower learning rate), and the same SVM on
 * quantile-scaled features ({@code svm-quantile}, {@link QuantileScaling} fitted on the training rows, then
 * standardised). With {@code logVariance} the {@code *_var} columns are log-scaled first, as for the MLP.
 */
public final class TribuoClassifiers {

    /** Trees of the random forest. */
    public static final int FOREST_TREES = 300;
    /** Boosting rounds of XGBoost. */
    public static final int BOOSTING_ROUNDS = 100;
    /** Boosting rounds of the subsampled XGBoost ({@code gradient-boosting-sub}). */
    public static final int SUBSAMPLED_BOOSTING_ROUNDS = 300;
    /** Learning rate (eta) of the subsampled XGBoost. */
    public static final double SUBSAMPLED_BOOSTING_ETA = 0.05;
    /** Share of the rows each tree of the subsampled XGBoost sees. */
    public static final double SUBSAMPLED_BOOSTING_ROWS = 0.8;
    /** Share of the features each tree of the subsampled XGBoost sees. */
    public static final double SUBSAMPLED_BOOSTING_FEATURES = 0.5;
    /** XGBoost's default tree depth. */
    private static final int BOOSTING_DEPTH = 6;
    /** SVM cost. */
    public static final double SVM_COST = 10;
    /** Neighbours of kNN. */
    public static final int KNN_NEIGHBOURS = 5;
    /** Names of the baselines, in report order. */
    public static final List<String> NAMES =
            List.of("svm", "svm-quantile", "logistic-regression", "knn", "random-forest", "gradient-boosting",
                    "gradient-boosting-sub");

    private static final LabelFactory LABELS = new LabelFactory();

    static {
        // libsvm prints every optimisation step to stdout by default
        libsvm.svm.svm_set_print_string_function(message -> { });
    }

    private TribuoClassifiers() {
    }

    /** The baseline called {@code name} (one of {@link #NAMES}). */
    public static FoldClassifier named(String name, boolean logVariance, long seed) {
        return switch (name) {
            case "svm" -> of(name, logVariance, f -> standardised(svm(seed, false, f)));
            case "svm-quantile" -> new TribuoFoldClassifier(name, logVariance, true,
                    f -> standardised(svm(seed, false, f)));
            case "logistic-regression" -> of(name, logVariance, f -> standardised(
                    new LibLinearClassificationTrainer(new LinearClassificationType(
                            LinearClassificationType.LinearType.L2R_LR), 1.0, 1000, 0.01, seed)));
            case "knn" -> of(name, logVariance, f -> new TransformTrainer<>(
                    new KNNTrainer<>(KNN_NEIGHBOURS, KNNTrainer.Distance.L2, 1, new VotingCombiner(),
                            KNNModel.Backend.STREAMS),
                    new TransformationMap(List.of(new LinearScalingTransformation(0, 1)))));
            case "random-forest" -> of(name, logVariance, f -> new RandomForestTrainer<>(
                    new CARTClassificationTrainer(Integer.MAX_VALUE, 0.133f, seed), new VotingCombiner(),
                    FOREST_TREES, seed));
            case "gradient-boosting" -> of(name, logVariance, f -> new XGBoostClassificationTrainer(
                    BOOSTING_ROUNDS));
            // slower learning rate, more rounds, row and feature subsampling: a less correlated ensemble member
            case "gradient-boosting-sub" -> of(name, logVariance, f -> new XGBoostClassificationTrainer(
                    SUBSAMPLED_BOOSTING_ROUNDS, SUBSAMPLED_BOOSTING_ETA, 0, BOOSTING_DEPTH, 1,
                    SUBSAMPLED_BOOSTING_ROWS, SUBSAMPLED_BOOSTING_FEATURES, 1, 0, 1, true, seed));
            default -> throw new IllegalArgumentException("unknown baseline '" + name + "', expected one of "
                    + NAMES);
        };
    }

    /** Whether {@code name} is one of the SVMs, which predict by their decision function unless asked otherwise. */
    public static boolean isSvm(String name) {
        return name.equals("svm") || name.equals("svm-quantile");
    }

    /**
     * The SVM called {@code name} ({@link #isSvm}) with probabilities (libsvm's Platt scaling), for ensembles.
     */
    public static FoldClassifier svmWithProbabilities(String name, boolean logVariance, long seed) {
        if (!isSvm(name)) {
            throw new IllegalArgumentException("'" + name + "' is not an SVM");
        }
        return new TribuoFoldClassifier(name, logVariance, name.equals("svm-quantile"),
                f -> standardised(svm(seed, true, f)));
    }

    /** gamma = 1 / features: scikit-learn's {@code gamma="scale"} on standardised data. */
    private static Trainer<Label> svm(long seed, boolean probabilities, int features) {
        SVMParameters<Label> params = new SVMParameters<>(
                new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC), KernelType.RBF);
        params.setCost(SVM_COST);
        params.setGamma(1.0 / features);
        if (probabilities) {
            params.setProbability();
        }
        return new LibSVMClassificationTrainer(params, seed);
    }

    private static Trainer<Label> standardised(Trainer<Label> inner) {
        return new TransformTrainer<>(inner, new TransformationMap(List.of(new MeanStdDevTransformation())));
    }

    private static FoldClassifier of(String name, boolean logVariance, IntFunction<Trainer<Label>> trainer) {
        return new TribuoFoldClassifier(name, logVariance, false, trainer);
    }

    /** A Tribuo trainer fitted per fold, on log-scaled (and, if asked, quantile-scaled) features. */
    private record TribuoFoldClassifier(String name, boolean logVariance, boolean quantiles,
                                        IntFunction<Trainer<Label>> trainer) implements FoldClassifier {
        @Override
        public float[][] fitPredict(FeatureTable table, int[] train, int[] test) {
            int[] logColumns = logVariance ? MlpTrainer.varianceColumns(table.featureNames()) : new int[0];
            double[][] trainValues = values(table, train, logColumns);
            double[][] testValues = values(table, test, logColumns);
            if (quantiles) {
                QuantileScaling scaling = QuantileScaling.fit(trainValues, QuantileScaling.DEFAULT_QUANTILES);
                trainValues = Arrays.stream(trainValues).map(scaling::apply).toArray(double[][]::new);
                testValues = Arrays.stream(testValues).map(scaling::apply).toArray(double[][]::new);
            }
            String[] names = table.featureNames().toArray(String[]::new);
            Model<Label> model = trainer.apply(names.length).train(dataset(table, names, train, trainValues));
            float[][] out = new float[test.length][table.labels().size()];
            for (int i = 0; i < test.length; i++) {
                Prediction<Label> p = model.predict(example(table, names, test[i], testValues[i]));
                if (model.generatesProbabilities()) {
                    for (Map.Entry<String, Label> e : p.getOutputScores().entrySet()) {
                        out[i][table.labels().indexOf(e.getKey())] = (float) e.getValue().getScore();
                    }
                } else {
                    out[i][table.labels().indexOf(p.getOutput().getLabel())] = 1f;
                }
            }
            return out;
        }
    }

    /** The features of {@code rows}, with the {@code logColumns} log-scaled. */
    private static double[][] values(FeatureTable table, int[] rows, int[] logColumns) {
        double[][] values = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float[] raw = table.features()[rows[i]];
            values[i] = new double[raw.length];
            for (int j = 0; j < raw.length; j++) {
                values[i][j] = raw[j];
            }
            for (int c : logColumns) {
                values[i][c] = Math.log(Math.max(raw[c], io.genrestream.model.Normalization.LOG_FLOOR));
            }
        }
        return values;
    }

    /** The given rows, with their feature values, as a Tribuo dataset. */
    private static Dataset<Label> dataset(FeatureTable table, String[] names, int[] rows, double[][] values) {
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("genre feature table", LABELS), LABELS);
        for (int i = 0; i < rows.length; i++) {
            dataset.add(example(table, names, rows[i], values[i]));
        }
        return dataset;
    }

    private static ArrayExample<Label> example(FeatureTable table, String[] names, int row, double[] values) {
        return new ArrayExample<>(new Label(table.labels().get(table.classes()[row])), names, values);
    }
}
