package io.genrestream.trainer.cli;

import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.BundledModel;
import io.genrestream.model.ModelArchitecture;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.trainer.data.LabelledClips;
import io.genrestream.trainer.data.SegmentDataset;
import io.genrestream.trainer.evaluation.CrossValidation;
import io.genrestream.trainer.evaluation.SequenceExperiment;
import io.genrestream.trainer.training.BatchRegularisation;
import io.genrestream.trainer.training.SequenceModelKind;
import io.genrestream.trainer.training.SequenceTrainer;
import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.SegmentVote;
import io.genrestream.vote.VerdictRule;
import io.genrestream.vote.VoteTally;
import io.genrestream.vote.VoteWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seq distil}: trains a recurrent segment model (the bundle's GRU role) on audio without genre labels by
 * distillation from a bundle's summary model (the teacher): each segment's target is the teacher's probability
 * vector for that segment's summary features (the app's rolling window). The first grouped fold of the audio is
 * held out, so the student's agreement with the teacher is measured on groups it never saw; {@code --evaluate} adds
 * an independent check on labelled audio, scored as the app scores: student, teacher and their ensemble, with the
 * app's vote code. For labelled audio, {@code train-bundle} is the path: it learns from the labels themselves.
 */
@Command(name = "distil", mixinStandardHelpOptions = true,
        description = "Trains a GRU/LSTM/BiLSTM by distillation from a bundle's summary model on audio whose labels "
                + "are not used, and writes a bundle with both models. The first of --folds grouped folds is held "
                + "out to measure the student's agreement with its teacher.")
public final class DistilCommand implements Callable<Integer> {

    @Option(names = "--teacher", required = true, description = "bundle whose summary model labels the audio")
    Path teacher;

    @Mixin
    SequenceOptions.Data data;

    @Mixin
    SequenceOptions.Model model;

    @Option(names = "--model", defaultValue = "GRU",
            description = "GRU, LSTM or BILSTM (default ${DEFAULT-VALUE}); the app serves frame-matrix models only")
    SequenceModelKind kind;

    @Option(names = "--evaluate", paramLabel = "[SOURCE=]PATH",
            description = "labelled audio (<label>/<file> folder or dataset CSV) with the teacher's labels, for an "
                    + "independent check")
    String evaluate;

    @Option(names = "--out", required = true, description = "bundle directory to write")
    Path out;

    @Option(names = "--gru-weight", defaultValue = "0.5", description = "the student's weight in the segment vote "
            + "ensemble, the summary model gets the rest (default ${DEFAULT-VALUE}); a student that agrees little "
            + "with its teacher deserves less than half")
    double gruWeight;

    @Override
    public Integer call() throws Exception {
        model.validate();
        if (!(gruWeight >= 0 && gruWeight <= 1)) {
            throw new IllegalArgumentException("--gru-weight must be between 0 and 1: " + gruWeight);
        }
        if (kind.usesLogMel()) {
            throw new IllegalArgumentException("the app scores frame matrices; distil a GRU, LSTM or BILSTM, not "
                    + kind);
        }
        BundleManifest manifest = ModelBundle.readManifest(teacher);
        if (manifest.summary() == null) {
            throw new IllegalArgumentException(teacher + " has no summary model to distil from");
        }
        List<String> labels = manifest.labels();
        // the check set's labels are refused before any extraction or training
        List<LabelledClips.Clip> checkClips = evaluate == null ? List.of() : LabelledClips.read(evaluate);
        for (LabelledClips.Clip clip : checkClips) {
            if (!labels.contains(clip.label())) {
                throw new IllegalArgumentException(evaluate + ": label " + clip.label() + " is not one of " + labels);
            }
        }
        FeatureConfig config = FeatureConfig.librosaDefaults();
        SequenceExperiment.Setup setup = SequenceOptions.setup(data, null, config.segmentSeconds(), model.seed);
        SegmentDataset audio = setup.data();
        int[] train = IntStream.range(0, audio.segmentTrack().length)
                .filter(s -> setup.foldOfTrack()[audio.segmentTrack()[s]] != 0).toArray();
        int[] held = IntStream.range(0, audio.segmentTrack().length)
                .filter(s -> setup.foldOfTrack()[audio.segmentTrack()[s]] == 0).toArray();
        int heldTracks = (int) IntStream.of(setup.foldOfTrack()).filter(f -> f == 0).count();
        Map<String, Object> metrics = new LinkedHashMap<>(manifest.metrics());
        try (ModelBundle teacherBundle = ModelBundle.load(teacher, config);
             BatchScorer teacherScorer = teacherBundle.newScorer(ModelRole.SUMMARY)) {
            float[][] targets = teacherScorer.scoreRows(audio.summaryRows());
            System.out.printf(Locale.ROOT, "%d tracks (%d held out), %d segments, %d file(s) skipped; teacher %s%n",
                    audio.clips().size(), heldTracks, targets.length, audio.skipped().size(),
                    teacherBundle.version());
            SequenceTrainer.Data trainData = new SequenceTrainer.Data(new float[][][][] {audio.inputs(train, false)},
                    TrainBundleCommand.pick(targets, train), audio.inputs(held, false),
                    TrainBundleCommand.pick(targets, held), BatchRegularisation.NONE, false);
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("distil " + kind).setInitialMax(model.epochs)
                    .build();
                 SequenceTrainer.Result student = SequenceTrainer.fit(kind, model.hyper(), trainData, labels.size(),
                         model.settings(model.learningRate), e -> bar.step());
                 BatchScorer studentScorer = BatchScorer.forModel(ModelRole.GRU, student.model(),
                         student.normalization(), labels.size())) {
                float[][] studentHeld = studentScorer.scoreSegments(audio.inputs(held, false), model.batchSize);
                float[][] teacherHeld = TrainBundleCommand.pick(targets, held);
                metrics.put("distillHeldOutTracks", heldTracks);
                metrics.put("distillHeldOutSegments", held.length);
                metrics.put("distillSegmentAgreement", agreement(studentHeld, teacherHeld));
                metrics.put("distillTrackAgreement", trackAgreement(audio, held, studentHeld, teacherHeld, labels,
                        manifest.classPriors()));
                metrics.put("gruBestEpoch", student.history().bestEpoch());
                System.out.printf(Locale.ROOT, "held-out agreement with the teacher: segments %.3f, tracks %.3f%n",
                        metrics.get("distillSegmentAgreement"), metrics.get("distillTrackAgreement"));
                if (!checkClips.isEmpty()) {
                    metrics.putAll(evaluateOn(checkClips, labels, manifest, studentScorer, teacherScorer));
                }
                Map<String, Object> trainingData = new LinkedHashMap<>(manifest.trainingData());
                trainingData.put("gruDistilledFrom", "summary model of bundle " + teacherBundle.version());
                trainingData.put("gruUnlabelledAudio", data.describe());
                trainingData.put("gruUnlabelledTracks", audio.clips().size());
                trainingData.put("gruTrainingSegments", train.length);
                writeBundle(config, manifest, student, metrics, trainingData);
            }
        }
        return 0;
    }

    /** Labelled audio scored as the app scores it: student, summary model, ensemble; segment and track accuracy. */
    private Map<String, Object> evaluateOn(List<LabelledClips.Clip> clips, List<String> labels,
                                           BundleManifest manifest, BatchScorer student, BatchScorer summary)
            throws IOException {
        // the summary model reads the teacher bundle's columns
        SegmentDataset check = SegmentDataset.load(clips, manifest.extractor(),
                SegmentDataset.Plan.plain(data.segmentsPerTrack), data.cache(), "evaluation");
        int[] trackTruth = check.clips().stream().mapToInt(c -> labels.indexOf(c.label())).toArray();
        int[] all = IntStream.range(0, check.segmentTrack().length).toArray();
        float[][] g = student.scoreSegments(check.inputs(all, false), model.batchSize);
        float[][] s = summary.scoreRows(check.summaryRows());
        EnsembleVoter alone = new EnsembleVoter(VoteWeights.EQUAL);
        EnsembleVoter ensemble = new EnsembleVoter(voteWeights());
        Map<String, IntFunction<SegmentVote>> scorers = new LinkedHashMap<>();
        scorers.put("gru", i -> alone.vote(g[i], null));
        scorers.put("summary", i -> alone.vote(null, s[i]));
        scorers.put("ensemble", i -> ensemble.vote(g[i], s[i]));
        VerdictRule rule = new VerdictRule(labels, manifest.classPriors(), 0.0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluationAudio", evaluate);
        m.put("evaluationTracks", check.clips().size());
        for (Map.Entry<String, IntFunction<SegmentVote>> scorer : scorers.entrySet()) {
            int segmentsRight = 0;
            VoteTally[] tallies = new VoteTally[check.clips().size()];
            for (int i : all) {
                SegmentVote vote = scorer.getValue().apply(i);
                int track = check.segmentTrack()[i];
                segmentsRight += vote.genre() == trackTruth[track] ? 1 : 0;
                if (tallies[track] == null) {
                    tallies[track] = new VoteTally(labels.size());
                }
                tallies[track].add(vote);
            }
            int tracksRight = 0;
            for (int t = 0; t < tallies.length; t++) {
                tracksRight += rule.decide(tallies[t]).genreIndex() == trackTruth[t] ? 1 : 0;
            }
            double segAcc = (double) segmentsRight / all.length;
            double trackAcc = (double) tracksRight / tallies.length;
            m.put("evaluation_" + scorer.getKey() + "_segmentAccuracy", segAcc);
            m.put("evaluation_" + scorer.getKey() + "_trackAccuracy", trackAcc);
            System.out.printf(Locale.ROOT, "evaluation on %s (%d tracks): %-8s segment accuracy %.3f, track "
                    + "accuracy %.3f%n", evaluate, tallies.length, scorer.getKey(), segAcc, trackAcc);
        }
        return m;
    }

    private VoteWeights voteWeights() {
        return new VoteWeights(gruWeight, 1 - gruWeight);
    }

    private static double agreement(float[][] a, float[][] b) {
        int[] x = CrossValidation.argMax(a);
        int[] y = CrossValidation.argMax(b);
        int same = 0;
        for (int i = 0; i < x.length; i++) {
            same += x[i] == y[i] ? 1 : 0;
        }
        return (double) same / x.length;
    }

    /** Share of held-out tracks whose verdict from the student's votes equals the verdict from the teacher's. */
    private static double trackAgreement(SegmentDataset audio, int[] rows, float[][] student, float[][] teacher,
                                         List<String> labels, double[] priors) {
        EnsembleVoter voter = new EnsembleVoter(VoteWeights.EQUAL);
        VerdictRule rule = new VerdictRule(labels, priors, 0.0);
        Map<Integer, VoteTally> s = new LinkedHashMap<>();
        Map<Integer, VoteTally> t = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i++) {
            int track = audio.segmentTrack()[rows[i]];
            s.computeIfAbsent(track, k -> new VoteTally(labels.size())).add(voter.vote(student[i], null));
            t.computeIfAbsent(track, k -> new VoteTally(labels.size())).add(voter.vote(null, teacher[i]));
        }
        int same = 0;
        for (Integer track : s.keySet()) {
            same += rule.decide(s.get(track)).genreIndex() == rule.decide(t.get(track)).genreIndex() ? 1 : 0;
        }
        return (double) same / s.size();
    }

    private void writeBundle(FeatureConfig config, BundleManifest teacherManifest, SequenceTrainer.Result student,
                             Map<String, Object> metrics, Map<String, Object> trainingData) throws IOException {
        ModelArchitecture arch = ModelArchitecture.of(kind.recurrentSpec(model.hyper(), config.framesPerSegment(),
                config.frameFeatureCount(), teacherManifest.labels().size()));
        BundledModel gru = new BundledModel(arch.fileName(ModelRole.GRU), arch, student.normalization());
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, teacherManifest.labels(), config,
                teacherManifest.summaryColumns(), gru, teacherManifest.summary(), teacherManifest.classPriors(),
                // no calibration: the teacher's was chosen for another ensemble
                voteWeights(), null, metrics, trainingData);
        String card = BundleCommand.ModelCard.of(manifest, "GTZAN feature table (summary model)")
                + "\n## " + kind + " by distillation\n\n"
                + "The segment model was not trained on genre labels. It learnt to reproduce the summary model's "
                + "probabilities (the teacher) on segments of " + data.describe() + "; `distillSegmentAgreement` and "
                + "`distillTrackAgreement` are its agreement with the teacher on held-out groups it never saw"
                + (evaluate == null ? "." : ", and the `evaluation_*` figures score the student, the teacher and "
                + "their ensemble on labelled tracks that neither model was trained on (" + evaluate + ").")
                + " It inherits the teacher's errors and cannot be better than the teacher on the teacher's own "
                + "mistakes.\n";
        Map<ModelRole, Path> files = Map.of(ModelRole.SUMMARY, teacher.resolve(teacherManifest.summary().file()));
        String version = ModelBundle.write(out, manifest, Map.of(ModelRole.GRU, student.model()), files, card);
        System.out.printf(Locale.ROOT, "bundle %s written (%s + summary), version %s%n", out, kind, version);
    }
}
