package io.genrestream.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.BundledModel;
import io.genrestream.model.ModelArchitecture;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.trainer.folds.TrackSplits;
import io.genrestream.trainer.training.MlpSettings;
import io.genrestream.trainer.training.MlpTrainer;
import io.genrestream.vote.VoteWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bundle}: trains the summary MLP on a whole feature table and writes a model bundle (summary model, class
 * priors = class frequencies of the table, metrics from a {@code cv} report, model card).
 *
 * <p>Two phases: early stopping on a stratified 10 % validation split picks the number of epochs, then a fresh MLP is
 * trained on every row for that many epochs.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "Trains the summary MLP on the whole feature table and writes a model bundle directory.")
public final class BundleCommand implements Callable<Integer> {

    @Option(names = "--table", required = true, description = "feature table CSV with the 57 summary columns")
    Path table;

    @Option(names = "--out", required = true, description = "bundle directory to write")
    Path out;

    @Option(names = "--cv-report", description = "report.json of a cv run whose 'mlp' figures go into the bundle")
    Path cvReport;

    @Option(names = "--epochs", defaultValue = "200", description = "epochs at most (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--log-variance", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "log-scale the *_var columns before standardising (default on)")
    boolean logVariance;

    @Override
    public Integer call() throws Exception {
        FeatureTable data = FeatureTable.read(table);
        if (!data.featureNames().equals(SummaryFeatures.COLUMNS)) {
            throw new IllegalArgumentException(table + ": a bundle's summary model must take the extractor's 57 "
                    + "columns in order " + SummaryFeatures.COLUMNS + "; the table has " + data.featureNames());
        }
        Map<String, Object> metrics = cvMetrics();
        MlpSettings settings = MlpSettings.DEFAULTS.withSeed(seed).withMaxEpochs(epochs);
        settings = new MlpSettings(settings.hidden(), settings.dropout(), settings.learningRate(),
                settings.weightDecay(), settings.regularisation(), settings.batchSize(), settings.maxEpochs(),
                settings.patience(), settings.validationFraction(), logVariance, settings.seed());

        TrackSplits.Split inner = TrackSplits.stratifiedHoldout(data, settings.validationFraction(), seed);
        TrackSplits.validate(data, inner, "validation split");
        int bestEpoch;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("choose epochs").setInitialMax(epochs).build();
             MlpTrainer.Result probe = MlpTrainer.fit(data, inner.train(), inner.test(), settings, e -> bar.step())) {
            bestEpoch = probe.history().bestEpoch();
        }
        int[] all = java.util.stream.IntStream.range(0, data.size()).toArray();
        MlpSettings finalSettings = settings.withMaxEpochs(bestEpoch);
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train on all rows").setInitialMax(bestEpoch)
                .build();
             MlpTrainer.Result result = MlpTrainer.fit(data, all, null, finalSettings, e -> bar.step())) {
            Map<String, Object> trainingData = new LinkedHashMap<>();
            trainingData.put("table", table.getFileName().toString());
            trainingData.put("rows", data.size());
            trainingData.put("classCounts", classCounts(data));
            trainingData.put("epochs", bestEpoch);
            trainingData.put("mlpSettings", finalSettings);
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, data.labels(),
                    FeatureConfig.librosaDefaults(), data.featureNames(), null,
                    new BundledModel(ModelArchitecture.of(result.spec()).fileName(ModelRole.SUMMARY),
                            ModelArchitecture.of(result.spec()), result.normalization()),
                    data.classPriors(), VoteWeights.EQUAL, null, metrics, trainingData);
            String version = ModelBundle.write(out, manifest, Map.of(ModelRole.SUMMARY, result.model()), Map.of(),
                    ModelCard.of(manifest, table.getFileName().toString()));
            System.out.printf(Locale.ROOT, "bundle %s written: labels %s, %d epochs, version %s%n", out,
                    data.labels(), bestEpoch, version);
        }
        return 0;
    }

    private static Map<String, Integer> classCounts(FeatureTable data) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int[] c = data.classCounts();
        for (int i = 0; i < c.length; i++) {
            counts.put(data.labels().get(i), c[i]);
        }
        return counts;
    }

    private Map<String, Object> cvMetrics() throws java.io.IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (cvReport == null) {
            metrics.put("note", "no cross-validation report given");
            return metrics;
        }
        if (!Files.isRegularFile(cvReport)) {
            throw new java.nio.file.NoSuchFileException(cvReport.toString(), null, "cv report not found");
        }
        JsonNode report = ModelBundle.json().readTree(cvReport.toFile());
        JsonNode mlp = report.path("models").path("mlp");
        if (mlp.isMissingNode()) {
            throw new IllegalArgumentException(cvReport + " has no 'mlp' model; run cv with --models mlp,...");
        }
        metrics.put("cvProtocol", report.path("context").path("protocol").asText());
        metrics.put("cvAccuracyMean", mlp.path("accuracyMean").asDouble());
        metrics.put("cvAccuracyStd", mlp.path("accuracyStd").asDouble());
        metrics.put("cvMacroF1Mean", mlp.path("macroF1Mean").asDouble());
        return metrics;
    }

    /** Builds the bundle's model-card.md. */
    static final class ModelCard {
        private ModelCard() {
        }

        static String of(BundleManifest m, String tableName) {
            StringBuilder s = new StringBuilder("# Genre Stream model bundle\n\n");
            s.append("## Models\n\n");
            if (m.summary() != null) {
                s.append("- summary: ").append(m.summary().architecture().type()).append(' ')
                        .append(m.summary().architecture().mlp() == null ? "" : m.summary().architecture().mlp().hidden())
                        .append(" over the ").append(m.summaryColumns().size()).append(" summary features (")
                        .append(m.summary().normalization().logColumns().length)
                        .append(" variance columns log-scaled, all standardised with training-set mean/std)\n");
            } else {
                s.append("- summary: none in this bundle (segment votes come from the GRU alone)\n");
            }
            s.append("- gru: ").append(m.gru() == null ? "none in this bundle (segment votes come from the summary "
                    + "model alone)" : m.gru().architecture().type() + " " + m.gru().architecture().recurrent())
                    .append("\n\n");
            s.append("## Labels and priors\n\n| genre | prior |\n|---|---|\n");
            double[] priors = m.classPriors();
            for (int i = 0; i < m.labels().size(); i++) {
                s.append(String.format(Locale.ROOT, "| %s | %.4f |%n", m.labels().get(i), priors[i]));
            }
            s.append("\n## Training data\n\n").append(tableName).append(": ").append(m.trainingData()).append("\n\n");
            s.append("## Evaluation\n\n").append(m.metrics()).append("\n\n");
            s.append("## Intended use and limits\n\n");
            s.append("Scores 3 s segments of music streams by their librosa-compatible summary features; trained on "
                    + "30 s GTZAN track features, so segment-level inputs differ in distribution from training rows. "
                    + "GTZAN has known faults (repeated tracks, mislabelings, artist repetition); accuracy on other "
                    + "music will be lower than the cross-validation figure. Labels: ").append(m.labels())
                    .append(".\n");
            return s.toString();
        }
    }
}
