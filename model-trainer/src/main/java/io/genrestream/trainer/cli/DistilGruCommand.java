package io.genrestream.trainer.cli;

import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.BundledModel;
import io.genrestream.model.ModelArchitecture;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.model.RecurrentSpec;
import io.genrestream.trainer.data.SegmentCorpus;
import io.genrestream.trainer.evaluation.CrossValidation;
import io.genrestream.trainer.training.GruTrainer;
import io.genrestream.trainer.training.RecurrentTrainingOptions;
import io.genrestream.vote.EnsembleVoter;
import io.genrestream.vote.TrackVerdict;
import io.genrestream.vote.VerdictRule;
import io.genrestream.vote.VoteTally;
import io.genrestream.vote.VoteWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code distil-gru}: trains the GRU segment model on unlabelled real music by distillation from a bundle's summary
 * model (the teacher), for when no labelled audio with the teacher's labels is at hand (the full GTZAN audio is
 * not): each segment's target is the teacher's probability vector for that segment's 57 summary features. Tracks are
 * split (seeded) so that the student's agreement with the teacher is measured on held-out tracks it never saw;
 * {@code --evaluate} adds an independent check on labelled audio (a {@code <label>/<file>} tree), scored exactly as
 * the app scores: GRU, summary model and their ensemble, with the app's vote code.
 */
@Command(name = "distil-gru", mixinStandardHelpOptions = true,
        description = "Trains the GRU by distillation from a bundle's summary model on unlabelled audio and writes a "
                + "bundle with both models.")
public final class DistilGruCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--teacher", required = true, description = "bundle whose summary model labels the audio")
    Path teacher;

    @Option(names = "--unlabelled", required = true, description = "audio folder, any layout (wav, au, aiff)")
    Path unlabelled;

    @Option(names = "--evaluate", description = "labelled audio (<label>/<file>) for an independent check")
    Path evaluate;

    @Option(names = "--out", required = true, description = "bundle directory to write")
    Path out;

    @Option(names = "--held-out-fraction", defaultValue = "0.2",
            description = "share of unlabelled tracks held out to measure agreement (default ${DEFAULT-VALUE})")
    double heldOutFraction;

    @Mixin
    RecurrentTrainingOptions training;

    @Option(names = "--gru-weight", defaultValue = "0.5", description = "the GRU's weight in the segment vote "
            + "ensemble, the summary model gets the rest (default ${DEFAULT-VALUE}); a student that agrees little "
            + "with its teacher deserves less than half")
    double gruWeight;

    @Override
    public Integer call() throws Exception {
        if (!(gruWeight >= 0 && gruWeight <= 1)) {
            throw new IllegalArgumentException("--gru-weight must be between 0 and 1: " + gruWeight);
        }
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException("--held-out-fraction must be between 0 and 1: " + heldOutFraction);
        }
        FeatureConfig config = FeatureConfig.librosaDefaults();
        BundleManifest manifest = ModelBundle.readManifest(teacher);
        if (manifest.summary() == null) {
            throw new IllegalArgumentException(teacher + " has no summary model to distil from");
        }
        List<String> labels = manifest.labels();
        SegmentCorpus.Unlabelled audio = SegmentCorpus.loadUnlabelled(unlabelled, config, training.segmentsPerTrack);
        boolean[] heldOut = holdOut(audio.tracks().size());
        int[] train = audio.segmentsOf(t -> !heldOut[t]);
        int[] held = audio.segmentsOf(t -> heldOut[t]);
        if (train.length == 0 || held.length == 0) {
            throw new IllegalArgumentException(unlabelled + ": " + audio.tracks().size()
                    + " tracks are too few to hold some out");
        }
        Map<String, Object> metrics = new LinkedHashMap<>(manifest.metrics());
        try (ModelBundle teacherBundle = ModelBundle.load(teacher, config);
             BatchScorer teacherScorer = teacherBundle.newScorer(ModelRole.SUMMARY)) {
            float[][] targets = teacherScorer.scoreRows(audio.summaryRows());
            System.out.printf(Locale.ROOT, "%d unlabelled tracks (%d held out), %d segments; teacher %s%n",
                    audio.tracks().size(), count(heldOut), targets.length, teacherBundle.version());
            RecurrentSpec spec = training.spec(config, labels.size());
            GruTrainer.Settings settings = training.settings();
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("distil " + training.cell).setInitialMax(training.epochs)
                    .build();
                 GruTrainer.Result student = GruTrainer.fit(spec, pick(audio.segments(), train),
                         pick(targets, train), pick(audio.segments(), held), pick(targets, held), settings,
                         e -> bar.step());
                 BatchScorer studentScorer = BatchScorer.forModel(ModelRole.GRU, student.model(),
                         student.normalization(), labels.size())) {
                float[][] studentHeld = training.scoreSegments(studentScorer, pick(audio.segments(), held));
                float[][] teacherHeld = pick(targets, held);
                metrics.put("distillHeldOutTracks", count(heldOut));
                metrics.put("distillHeldOutSegments", held.length);
                metrics.put("distillSegmentAgreement", agreement(studentHeld, teacherHeld));
                metrics.put("distillTrackAgreement", trackAgreement(audio, held, studentHeld, teacherHeld,
                        labels, manifest.classPriors()));
                metrics.put("gruBestEpoch", student.history().bestEpoch());
                System.out.printf(Locale.ROOT, "held-out agreement with the teacher: segments %.3f, tracks %.3f%n",
                        metrics.get("distillSegmentAgreement"), metrics.get("distillTrackAgreement"));
                if (evaluate != null) {
                    metrics.putAll(evaluateOn(config, labels, manifest, studentScorer, teacherScorer));
                }
                Map<String, Object> trainingData = new LinkedHashMap<>(manifest.trainingData());
                trainingData.put("gruDistilledFrom", "summary model of bundle " + teacherBundle.version());
                trainingData.put("gruUnlabelledAudio", unlabelled.toString());
                trainingData.put("gruUnlabelledTracks", audio.tracks().size());
                trainingData.put("gruTrainingSegments", train.length);
                writeBundle(config, manifest, student, metrics, trainingData);
            }
        }
        return 0;
    }

    /** Labelled audio scored as the app scores it: GRU, summary model, ensemble; segment and track accuracy. */
    private Map<String, Object> evaluateOn(FeatureConfig config, List<String> labels, BundleManifest manifest,
                                           BatchScorer gru, BatchScorer summary) throws IOException {
        SegmentCorpus.Unlabelled data = SegmentCorpus.loadUnlabelled(evaluate, config, training.segmentsPerTrack);
        int[] truth = new int[data.segmentTrack().length];
        for (int i = 0; i < truth.length; i++) {
            String label = data.trackFolders().get(data.segmentTrack()[i]);
            truth[i] = labels.indexOf(label);
            if (truth[i] < 0) {
                throw new IllegalArgumentException(evaluate + ": label " + label + " is not one of " + labels);
            }
        }
        float[][] g = training.scoreSegments(gru, data.segments());
        float[][] s = summary.scoreRows(data.summaryRows());
        EnsembleVoter ensemble = new EnsembleVoter(voteWeights());
        VerdictRule rule = new VerdictRule(labels, manifest.classPriors(), 0.0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evaluationAudio", evaluate.toString());
        m.put("evaluationTracks", data.tracks().size());
        record Scorer(String name, BiFunction<Integer, EnsembleVoter, io.genrestream.vote.SegmentVote> vote) {
        }
        EnsembleVoter gruOnly = new EnsembleVoter(VoteWeights.EQUAL);
        for (Scorer scorer : List.of(
                new Scorer("gru", (i, v) -> gruOnly.vote(g[i], null)),
                new Scorer("summary", (i, v) -> gruOnly.vote(null, s[i])),
                new Scorer("ensemble", (i, v) -> ensemble.vote(g[i], s[i])))) {
            int segmentsRight = 0;
            Map<Integer, VoteTally> tallies = new LinkedHashMap<>();
            for (int i = 0; i < truth.length; i++) {
                io.genrestream.vote.SegmentVote vote = scorer.vote().apply(i, null);
                segmentsRight += vote.genre() == truth[i] ? 1 : 0;
                tallies.computeIfAbsent(data.segmentTrack()[i], t -> new VoteTally(labels.size())).add(vote);
            }
            int tracksRight = 0;
            for (Map.Entry<Integer, VoteTally> e : tallies.entrySet()) {
                TrackVerdict verdict = rule.decide(e.getValue());
                int label = labels.indexOf(data.trackFolders().get(e.getKey()));
                tracksRight += verdict.genreIndex() == label ? 1 : 0;
            }
            double segAcc = (double) segmentsRight / truth.length;
            double trackAcc = (double) tracksRight / tallies.size();
            m.put("evaluation_" + scorer.name() + "_segmentAccuracy", segAcc);
            m.put("evaluation_" + scorer.name() + "_trackAccuracy", trackAcc);
            System.out.printf(Locale.ROOT, "evaluation on %s (%d tracks): %-8s segment accuracy %.3f, track "
                    + "accuracy %.3f%n", evaluate, tallies.size(), scorer.name(), segAcc, trackAcc);
        }
        return m;
    }

    private VoteWeights voteWeights() {
        return new VoteWeights(gruWeight, 1 - gruWeight);
    }

    private boolean[] holdOut(int tracks) {
        List<Integer> order = new ArrayList<>();
        for (int t = 0; t < tracks; t++) {
            order.add(t);
        }
        Collections.shuffle(order, new Random(training.seed));
        boolean[] held = new boolean[tracks];
        int n = (int) Math.round(tracks * heldOutFraction);
        for (int i = 0; i < n; i++) {
            held[order.get(i)] = true;
        }
        return held;
    }

    private static double agreement(float[][] a, float[][] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += CrossValidation.argMax(new float[][] {a[i]})[0] == CrossValidation.argMax(new float[][] {b[i]})[0]
                    ? 1 : 0;
        }
        return (double) same / a.length;
    }

    /** Share of held-out tracks whose verdict from the student's votes equals the verdict from the teacher's. */
    private static double trackAgreement(SegmentCorpus.Unlabelled audio, int[] rows, float[][] student,
                                         float[][] teacher, List<String> labels, double[] priors) {
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

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static float[][] pick(float[][] rows, int[] index) {
        float[][] out = new float[index.length][];
        for (int i = 0; i < index.length; i++) {
            out[i] = rows[index[i]];
        }
        return out;
    }

    private static float[][][] pick(float[][][] rows, int[] index) {
        float[][][] out = new float[index.length][][];
        for (int i = 0; i < index.length; i++) {
            out[i] = rows[index[i]];
        }
        return out;
    }

    private void writeBundle(FeatureConfig config, BundleManifest teacherManifest, GruTrainer.Result student,
                             Map<String, Object> metrics, Map<String, Object> trainingData) throws IOException {
        ModelArchitecture arch = ModelArchitecture.of(student.spec());
        BundledModel gru = new BundledModel(arch.fileName(ModelRole.GRU), arch, student.normalization());
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, teacherManifest.labels(), config,
                teacherManifest.summaryColumns(), gru, teacherManifest.summary(), teacherManifest.classPriors(),
                voteWeights(), null, metrics, trainingData);
        String card = BundleCommand.ModelCard.of(manifest, "GTZAN feature table (summary model)")
                + "\n## GRU by distillation\n\n"
                + "The GRU was not trained on genre labels: no labelled audio with these labels is on the machines that "
                + "built it. It learnt to reproduce the summary model's probabilities (the teacher) on segments of "
                + "unlabelled, open-licensed music (" + unlabelled + "); `distillSegmentAgreement` and "
                + "`distillTrackAgreement` are its agreement with the teacher on held-out tracks it never saw"
                + (evaluate == null ? "." : ", and the `evaluation_*` figures score the GRU, the teacher and their "
                + "ensemble on real labelled tracks that neither model was trained on (" + evaluate + ").")
                + " It inherits the teacher's errors and cannot be better than the teacher on the teacher's own "
                + "mistakes.\n";
        Map<ModelRole, Path> files = Map.of(ModelRole.SUMMARY, teacher.resolve(teacherManifest.summary().file()));
        String version = ModelBundle.write(out, manifest, Map.of(ModelRole.GRU, student.model()), files, card);
        System.out.printf(Locale.ROOT, "bundle %s written (GRU + summary), version %s%n", out, version);
    }
}
