package io.genrestream.trainer.cli;

import io.genrestream.model.ModelBundle;
import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.trainer.data.TeacherFeatures;
import io.genrestream.trainer.evaluation.CrossValidation;
import io.genrestream.trainer.evaluation.ReportWriter;
import io.genrestream.trainer.folds.TrackSplits;
import io.genrestream.trainer.training.AveragingEnsemble;
import io.genrestream.trainer.training.BatchRegularisation;
import io.genrestream.trainer.training.FoldClassifier;
import io.genrestream.trainer.training.MlpClassifier;
import io.genrestream.trainer.training.MlpSettings;
import io.genrestream.trainer.training.StackingEnsemble;
import io.genrestream.trainer.training.TrainingHistory;
import io.genrestream.trainer.training.TribuoClassifiers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cv}: stratified k-fold cross-validation of the summary MLP, its ensembles and Tribuo baselines. */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "Stratified, track-level k-fold cross-validation on a Kaggle-GTZAN-format feature table. "
                + "Prints accuracy mean ± std per model and writes report.json, report.md and PNG plots.")
public final class CvCommand implements Callable<Integer> {

    /** Every model the command knows, in report order. */
    public static final List<String> ALL_MODELS = List.of("mlp", "mlp-x5", "svm", "svm-quantile", "logistic-regression", "knn",
            "random-forest", "gradient-boosting", "gradient-boosting-sub", "ensemble", "stack");

    @Option(names = "--table", required = true, description = "feature table CSV (filename,length,features...,label)")
    Path table;

    @Option(names = "--folds", defaultValue = "10", description = "folds (default ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the splits and models (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--split-file", description = "CSV track,split with fold numbers 0..k-1 (overrides --folds)")
    Path splitFile;

    @Option(names = "--models", split = ",", description = "models to run, of: mlp, mlp-x5 (5 seeds averaged), svm, svm-quantile (on quantile-scaled features), "
            + "logistic-regression, knn, random-forest, gradient-boosting, gradient-boosting-sub (300 subsampled "
            + "rounds at eta 0.05), ensemble (soft vote of --ensemble), stack (every --stack); default all")
    List<String> models = ALL_MODELS;

    @Option(names = "--epochs", description = "MLP epochs at most (default ${DEFAULT-VALUE})", defaultValue = "200")
    int epochs;

    @Option(names = "--log-variance", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "log-scale the *_var columns before standardising (default on; --no-log-variance: plain "
                    + "standardisation, as the scikit-learn reference)")
    boolean logVariance;

    @Option(names = "--hidden", split = ",", description = "MLP hidden layer sizes (default 256,128)")
    List<Integer> hidden = MlpSettings.DEFAULTS.hidden();

    @Option(names = "--dropout", defaultValue = "0.3", description = "MLP dropout (default ${DEFAULT-VALUE})")
    float dropout;

    @Option(names = "--weight-decay", defaultValue = "1e-4", description = "MLP weight decay (default ${DEFAULT-VALUE})")
    float weightDecay;

    @Option(names = "--teacher", description = "bundle whose summary model's log-probabilities are appended to every "
            + "row as extra features (transfer from the music it was trained on; the table must have its 57 columns)")
    Path teacher;

    @Option(names = "--input-noise", defaultValue = "0", description = "standard deviation of Gaussian noise added "
            + "to the MLP's standardised inputs in every training batch (default ${DEFAULT-VALUE}: none)")
    double inputNoise;

    @Option(names = "--mlp-members", defaultValue = "5", description = "seeds averaged in mlp-x5 (default ${DEFAULT-VALUE})")
    int mlpMembers;

    @Option(names = "--ensemble", split = ",", description = "members of the soft-vote ensemble, of: mlp-x5, svm, "
            + "svm-quantile, logistic-regression, knn, random-forest, gradient-boosting, gradient-boosting-sub "
            + "(default mlp-x5,svm-quantile,gradient-boosting, the best of the combinations in docs/evaluation.md)")
    List<String> ensembleMembers = List.of("mlp-x5", "svm-quantile", "gradient-boosting");

    @Option(names = "--stack", description = "members of a stacked ensemble (logistic regression over the members' "
            + "out-of-fold probabilities from inner folds of the training rows), comma-separated, of the --ensemble "
            + "choices and gradient-boosting-sub; repeat for several stacks, reported as stack-1, stack-2, ... "
            + "(default one stack: mlp-x5,svm,gradient-boosting)")
    List<String> stacks = List.of("mlp-x5,svm,gradient-boosting");

    @Option(names = "--stack-folds", defaultValue = "" + StackingEnsemble.DEFAULT_INNER_FOLDS,
            description = "inner folds giving the stack's meta-learner its training data (default ${DEFAULT-VALUE})")
    int stackFolds;

    @Option(names = "--out", defaultValue = "target/cv-report", description = "report directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        FeatureTable data = FeatureTable.read(table);
        if (teacher != null) {
            data = TeacherFeatures.append(data, teacher);
        }
        List<TrackSplits.Split> splits = splitFile != null
                ? TrackSplits.foldsFromSplitFile(data, TrackSplits.readSplitFile(splitFile))
                : TrackSplits.stratifiedKFold(data, folds, seed);
        MlpSettings settings = new MlpSettings(hidden, dropout, MlpSettings.DEFAULTS.learningRate(), weightDecay,
                new BatchRegularisation(0, inputNoise), MlpSettings.DEFAULTS.batchSize(), epochs, MlpSettings.DEFAULTS.patience(),
                MlpSettings.DEFAULTS.validationFraction(), logVariance, seed);
        List<FoldClassifier> classifiers = new ArrayList<>();
        Map<String, MlpClassifier> mlps = new LinkedHashMap<>();
        MlpClassifier mlpX5 = new MlpClassifier("mlp-x5", settings, mlpMembers);
        // models shared by the ensemble and the report are trained once per fold
        FoldClassifier memoMlpX5 = CrossValidation.memoized(mlpX5);
        Map<String, FoldClassifier> shared = new LinkedHashMap<>();
        shared.put("mlp-x5", memoMlpX5);
        for (String name : TribuoClassifiers.NAMES) {
            shared.put(name, CrossValidation.memoized(TribuoClassifiers.isSvm(name)
                    ? TribuoClassifiers.svmWithProbabilities(name, logVariance, seed)
                    : TribuoClassifiers.named(name, logVariance, seed)));
        }
        checkMembers(ensembleMembers, shared);
        List<List<String>> stackMembers = stacks.stream()
                .map(s -> List.of(s.split(",", -1)).stream().map(String::trim).toList()).toList();
        stackMembers.forEach(m -> checkMembers(m, shared));
        // one inner split per outer fold, shared by every stack so memoized members train once per inner fold
        StackingEnsemble.InnerFolds innerFolds = new StackingEnsemble.InnerFolds(stackFolds, seed);
        for (String name : models) {
            if (name.equals("stack")) {
                for (int s = 0; s < stackMembers.size(); s++) {
                    classifiers.add(new StackingEnsemble("stack-" + (s + 1),
                            stackMembers.get(s).stream().map(shared::get).toList(), innerFolds, seed));
                }
                continue;
            }
            FoldClassifier c = switch (name) {
                case "mlp" -> new MlpClassifier("mlp", settings, 1);
                case "mlp-x5" -> memoMlpX5;
                case "ensemble" -> new AveragingEnsemble("ensemble",
                        ensembleMembers.stream().map(shared::get).toList());
                default -> {
                    if (!TribuoClassifiers.NAMES.contains(name)) {
                        throw new IllegalArgumentException("unknown model '" + name + "', expected some of "
                                + ALL_MODELS);
                    }
                    // the SVM alone predicts by its decision function; the ensemble needs its Platt probabilities
                    yield TribuoClassifiers.isSvm(name) ? TribuoClassifiers.named(name, logVariance, seed)
                            : shared.get(name);
                }
            };
            if (c instanceof MlpClassifier m) {
                mlps.put(name, m);
            } else if (c == memoMlpX5) {
                mlps.put(name, mlpX5);
            }
            classifiers.add(c);
        }
        System.out.printf(Locale.ROOT, "%d rows, %d tracks, %d labels %s, %d folds, seed %d, log-variance %s%n",
                data.size(), data.trackIds().stream().distinct().count(), data.labels().size(), data.labels(),
                splits.size(), seed, logVariance);
        Map<String, CrossValidation.Result> results = CrossValidation.run(data, splits, classifiers);
        for (CrossValidation.Result r : results.values()) {
            System.out.printf(Locale.ROOT, "%-20s accuracy %.3f ± %.3f   macro-F1 %.3f   (%.1f s)%n", r.model(),
                    r.meanAccuracy(), r.stdAccuracy(), r.meanMacroF1(), r.seconds());
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("table", table.toString());
        context.put("rows", data.size());
        context.put("labels", data.labels());
        context.put("protocol", splitFile != null ? "folds of " + splitFile
                : "stratified " + splits.size() + "-fold over tracks, seed " + seed);
        context.put("logVariance", logVariance);
        if (teacher != null) {
            context.put("teacher", teacher + " (version " + ModelBundle.contentHash(teacher) + ")");
        }
        context.put("mlp", settings);
        context.put("mlpMembers", mlpMembers);
        context.put("ensemble", ensembleMembers);
        if (models.contains("stack")) {
            Map<String, Object> stackContext = new LinkedHashMap<>();
            for (int s = 0; s < stackMembers.size(); s++) {
                stackContext.put("stack-" + (s + 1), stackMembers.get(s));
            }
            context.put("stacks", stackContext);
            context.put("stackInnerFolds", stackFolds);
        }
        Map<String, List<TrainingHistory>> histories = new LinkedHashMap<>();
        mlps.forEach((name, m) -> histories.put(name, m.histories()));
        ReportWriter.write(out, "Cross-validation", context, results, histories);
        System.out.println("report: " + out.resolve("report.md"));
        return 0;
    }

    private static void checkMembers(List<String> members, Map<String, FoldClassifier> known) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble or stack needs members, expected some of " + known.keySet());
        }
        for (String member : members) {
            if (!known.containsKey(member)) {
                throw new IllegalArgumentException("unknown ensemble/stack member '" + member + "', expected some of "
                        + known.keySet());
            }
        }
    }
}
