package io.genrestream.trainer.cli;

import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.BundledModel;
import io.genrestream.model.ModelArchitecture;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.model.RecurrentSpec;
import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.trainer.data.SegmentCorpus;
import io.genrestream.trainer.evaluation.ClassificationMetrics;
import io.genrestream.trainer.evaluation.CrossValidation;
import io.genrestream.trainer.folds.TrackSplits;
import io.genrestream.trainer.training.EpochLoop;
import io.genrestream.trainer.training.GruTrainer;
import io.genrestream.trainer.training.RecurrentTrainingOptions;
import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.TrackVerdict;
import io.genrestream.vote.VerdictRule;
import io.genrestream.vote.VoteTally;
import io.genrestream.vote.VoteWeights;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train-gru}: extracts 3 s segment frame matrices from a labelled audio folder with the app's feature
 * extractor, trains the recurrent segment model on a track-level stratified split (a track's segments never on both
 * sides), evaluates segment and track (majority-vote) accuracy on the held-out tracks with the app's vote code, and
 * writes a bundle with the GRU (plus the summary model of {@code --summary-bundle}, if given). With
 * {@code --unlabelled}, segments of unlabelled audio join the training set with the summary model's probabilities as
 * soft targets (distillation); validation stays on labelled tracks.
 */
@Command(name = "train-gru", mixinStandardHelpOptions = true,
        description = "Trains the GRU segment model on an audio folder (<label>/<file>.wav, GTZAN's "
                + "genres_original/<genre>/<genre>.NNNNN.wav) and writes a model bundle.")
public final class TrainGruCommand implements Callable<Integer> {

    @Option(names = "--audio", required = true, description = "audio folder: <label>/<file> (wav, au, aiff)")
    Path audio;

    @Option(names = "--out", required = true, description = "bundle directory to write")
    Path out;

    @Option(names = "--summary-bundle", description = "bundle whose summary model (same labels) joins the GRU")
    Path summaryBundle;

    @Option(names = "--unlabelled", description = "audio folder (any layout) for distillation: the summary model of "
            + "--summary-bundle labels its segments with probabilities the GRU also learns from")
    Path unlabelled;

    @Option(names = "--validation-fraction", defaultValue = "0.2", description = "held-out share of tracks (default ${DEFAULT-VALUE})")
    double validationFraction;

    @Mixin
    RecurrentTrainingOptions training;

    @Override
    public Integer call() throws Exception {
        FeatureConfig config = FeatureConfig.librosaDefaults();
        BundleManifest summary = summaryBundle == null ? null : ModelBundle.readManifest(summaryBundle);
        SegmentCorpus corpus = SegmentCorpus.load(audio, config, training.segmentsPerTrack);
        FeatureTable table = corpus.asSegmentTable();
        if (summary != null && !summary.labels().equals(table.labels())) {
            throw new IllegalArgumentException("the audio's labels " + table.labels() + " differ from the summary "
                    + "bundle's " + summary.labels());
        }
        if (unlabelled != null && (summary == null || summary.summary() == null)) {
            throw new IllegalArgumentException("--unlabelled needs --summary-bundle with a summary model as teacher");
        }
        TrackSplits.Split split = TrackSplits.stratifiedHoldout(table, validationFraction, training.seed);
        TrackSplits.validate(table, split, "train-gru split");
        System.out.printf(Locale.ROOT, "%d tracks, %d segments, labels %s; %d training / %d validation segments%n",
                corpus.tracks().size(), corpus.segments().length, table.labels(), split.train().length,
                split.test().length);
        RecurrentSpec spec = training.spec(config, table.labels().size());
        GruTrainer.Settings settings = training.settings();
        float[][][] trainSegments = corpus.segments(split.train());
        float[][] trainTargets = EpochLoop.oneHot(table.classes(split.train()), table.labels().size());
        int distilled = 0;
        if (unlabelled != null) {
            SegmentCorpus.Unlabelled extra = SegmentCorpus.loadUnlabelled(unlabelled, config, training.segmentsPerTrack);
            float[][] teacher = teacherProbabilities(config, extra.summaryRows());
            distilled = teacher.length;
            trainSegments = concat(trainSegments, extra.segments());
            trainTargets = concat(trainTargets, teacher);
            System.out.printf(Locale.ROOT, "distillation: %d unlabelled segments with the summary model's "
                    + "probabilities as targets%n", distilled);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train " + training.cell).setInitialMax(training.epochs).build();
             GruTrainer.Result result = GruTrainer.fit(spec, trainSegments, trainTargets,
                     corpus.segments(split.test()),
                     EpochLoop.oneHot(table.classes(split.test()), table.labels().size()), settings,
                     e -> bar.step());
             BatchScorer scorer = BatchScorer.forModel(ModelRole.GRU, result.model(), result.normalization(),
                     table.labels().size())) {
            Map<String, Object> metrics = evaluate(table, corpus, split, scorer, summary);
            metrics.put("gruBestEpoch", result.history().bestEpoch());
            metrics.put("gruDistilledSegments", distilled);
            System.out.printf(Locale.ROOT, "validation: segment accuracy %.3f, track (vote) accuracy %.3f%n",
                    metrics.get("gruValidationSegmentAccuracy"), metrics.get("gruValidationTrackAccuracy"));
            writeBundle(config, table, corpus, result, summary, metrics);
        }
        return 0;
    }

    /** The summary model of --summary-bundle (the teacher) scored on unlabelled segments' summary features. */
    private float[][] teacherProbabilities(FeatureConfig config, float[][] rows) throws java.io.IOException {
        try (ModelBundle teacher = ModelBundle.load(summaryBundle, config);
             BatchScorer scorer = teacher.newScorer(ModelRole.SUMMARY)) {
            return scorer.scoreRows(rows);
        }
    }

    private static <T> T[] concat(T[] a, T[] b) {
        T[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Map<String, Object> evaluate(FeatureTable table, SegmentCorpus corpus, TrackSplits.Split split,
                                         BatchScorer scorer, BundleManifest summary) {
        float[][] p = training.scoreSegments(scorer, corpus.segments(split.test()));
        int[] truth = table.classes(split.test());
        ClassificationMetrics segmentMetrics = ClassificationMetrics.of(table.labels(), truth,
                CrossValidation.argMax(p));
        // track verdicts exactly as the app votes (GRU only here: the summary model needs HPSS statistics per segment)
        EnsembleVoter voter = new EnsembleVoter(VoteWeights.EQUAL);
        double[] priors = summary != null ? summary.classPriors() : trackPriors(corpus, table.labels());
        VerdictRule rule = new VerdictRule(table.labels(), priors, 0.0);
        Map<String, VoteTally> tallies = new LinkedHashMap<>();
        Map<String, Integer> trackTruth = new HashMap<>();
        for (int i = 0; i < p.length; i++) {
            String track = table.trackIds().get(split.test()[i]);
            tallies.computeIfAbsent(track, t -> new VoteTally(table.labels().size())).add(voter.vote(p[i], null));
            trackTruth.put(track, truth[i]);
        }
        int correct = 0;
        for (Map.Entry<String, VoteTally> e : tallies.entrySet()) {
            TrackVerdict verdict = rule.decide(e.getValue());
            if (verdict.genreIndex() == trackTruth.get(e.getKey())) {
                correct++;
            }
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (summary != null) {
            metrics.putAll(summary.metrics());
        }
        metrics.put("gruValidationSegmentAccuracy", segmentMetrics.accuracy());
        metrics.put("gruValidationSegmentMacroF1", segmentMetrics.macroF1());
        metrics.put("gruValidationTrackAccuracy", (double) correct / tallies.size());
        metrics.put("gruValidationTracks", tallies.size());
        return metrics;
    }

    private static double[] trackPriors(SegmentCorpus corpus, List<String> labels) {
        double[] priors = new double[labels.size()];
        for (String label : corpus.trackLabels()) {
            priors[labels.indexOf(label)] += 1.0 / corpus.trackLabels().size();
        }
        return priors;
    }

    private void writeBundle(FeatureConfig config, FeatureTable table, SegmentCorpus corpus,
                             GruTrainer.Result result, BundleManifest summary, Map<String, Object> metrics)
            throws java.io.IOException {
        ModelArchitecture gruArch = ModelArchitecture.of(result.spec());
        BundledModel gru = new BundledModel(gruArch.fileName(ModelRole.GRU), gruArch, result.normalization());
        Map<String, Object> trainingData = new LinkedHashMap<>();
        if (summary != null) {
            trainingData.putAll(summary.trainingData());
        }
        trainingData.put("gruAudio", audio.toString());
        trainingData.put("gruTracks", corpus.tracks().size());
        trainingData.put("gruSegments", corpus.segments().length);
        if (unlabelled != null) {
            trainingData.put("gruDistillationAudio", unlabelled.toString());
        }
        boolean withSummary = summary != null && summary.summary() != null;
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, table.labels(), config,
                withSummary ? summary.summaryColumns() : List.of(), gru, withSummary ? summary.summary() : null,
                summary != null ? summary.classPriors() : trackPriors(corpus, table.labels()), VoteWeights.EQUAL,
                null, metrics, trainingData);
        // the summary model's file is copied from its bundle unchanged
        Map<ModelRole, Path> files = withSummary
                ? Map.of(ModelRole.SUMMARY, summaryBundle.resolve(summary.summary().file())) : Map.of();
        String version = ModelBundle.write(out, manifest, Map.of(ModelRole.GRU, result.model()), files,
                BundleCommand.ModelCard.of(manifest, audio.getFileName().toString()));
        System.out.printf(Locale.ROOT, "bundle %s written (GRU%s), version %s%n", out,
                withSummary ? " + summary" : "", version);
    }
}
