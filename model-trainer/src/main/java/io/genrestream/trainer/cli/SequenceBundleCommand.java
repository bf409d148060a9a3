package io.genrestream.trainer.cli;

import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BundleManifest;
import io.genrestream.model.BundledModel;
import io.genrestream.model.ModelArchitecture;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.model.RecurrentSpec;
import io.genrestream.trainer.data.SegmentDataset;
import io.genrestream.trainer.evaluation.SequenceExperiment;
import io.genrestream.trainer.training.BatchRegularisation;
import io.genrestream.trainer.training.SequenceModelKind;
import io.genrestream.trainer.training.SequenceTrainer;
import io.genrestream.vote.VoteWeights;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seq-bundle}: trains a recurrent segment model on every clip of a dataset (no hold-out, a fixed number of
 * epochs: pick it from {@code seq-cv}'s best epochs) at the app's 3 s segments and writes a GRU-only bundle with the
 * dataset's own labels and class priors, loadable by the app like any bundle.
 */
@Command(name = "seq-bundle", mixinStandardHelpOptions = true,
        description = "Trains a GRU/LSTM/BiLSTM on all clips of a dataset and writes a model bundle (GRU role only) "
                + "with the dataset's labels.")
public final class SequenceBundleCommand implements Callable<Integer> {

    @Mixin
    SequenceOptions.Data data;

    @Mixin
    SequenceOptions.Model model;

    @Option(names = "--model", defaultValue = "GRU", description = "GRU, LSTM or BILSTM (default ${DEFAULT-VALUE}); the app serves frame-matrix models only")
    SequenceModelKind kind;

    @Option(names = "--out", required = true, description = "bundle directory to write")
    Path out;

    @Option(names = "--cv-note", description = "cross-validation figures to quote in the model card (free text)")
    String cvNote;

    @Override
    public Integer call() throws Exception {
        model.validate();
        if (kind.usesLogMel()) {
            throw new IllegalArgumentException("the app scores frame matrices; bundle a GRU, LSTM or BILSTM, not "
                    + kind);
        }
        FeatureConfig config = FeatureConfig.librosaDefaults();
        SegmentDataset d = SegmentDataset.load(data.clips(), config,
                SegmentDataset.Plan.plain(data.segmentsPerTrack), data.cache(), "segments");
        List<String> labels = d.labels();
        int[] all = IntStream.range(0, d.segmentTrack().length).toArray();
        SequenceTrainer.Data trainData = SequenceTrainer.Data.ofClasses(new float[][][][] {d.inputs(all, false)},
                d.segmentClasses(), null, null, labels.size(), BatchRegularisation.NONE);
        RecurrentSpec spec = kind.recurrentSpec(model.hyper(), config.framesPerSegment(), config.frameFeatureCount(),
                labels.size());
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train " + kind).setInitialMax(model.epochs).build();
             SequenceTrainer.Result trained = SequenceTrainer.fit(kind, model.hyper(), trainData, labels.size(),
                     model.settings(model.learningRate), e -> bar.step())) {
            double[] priors = SequenceExperiment.priors(IntStream.range(0, d.clips().size()).boxed().toList(),
                    d.trackClasses(), labels.size());
            Map<String, Object> metrics = new LinkedHashMap<>();
            List<Double> acc = trained.history().trainAccuracy();
            metrics.put("gruFinalTrainingSegmentAccuracy", acc.get(acc.size() - 1));
            metrics.put("gruEpochs", acc.size());
            metrics.put("gruParameters", trained.parameters());
            if (cvNote != null) {
                metrics.put("crossValidation", cvNote);
            }
            Map<String, Object> trainingData = new LinkedHashMap<>();
            trainingData.put("gruAudio", data.describe());
            trainingData.put("gruTracks", d.clips().size());
            trainingData.put("gruSegments", d.segmentTrack().length);
            trainingData.put("skippedFiles", d.skipped().size());
            ModelArchitecture arch = ModelArchitecture.of(spec);
            BundledModel gru = new BundledModel(arch.fileName(ModelRole.GRU), arch, trained.normalization());
            BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, labels, config, List.of(),
                    gru, null, priors, VoteWeights.EQUAL, null, metrics, trainingData);
            String version = ModelBundle.write(out, manifest, Map.of(ModelRole.GRU, trained.model()), Map.of(),
                    modelCard(manifest, spec, d, trained));
            System.out.printf(Locale.ROOT, "%d tracks, %d segments, labels %s; final training segment accuracy %.3f;"
                    + " bundle %s written, version %s%n", d.clips().size(), d.segmentTrack().length, labels,
                    acc.get(acc.size() - 1), out, version);
        }
        return 0;
    }

    private String modelCard(BundleManifest m, RecurrentSpec spec, SegmentDataset d, SequenceTrainer.Result r) {
        StringBuilder s = new StringBuilder("# Genre Stream model bundle: ").append(kind).append(" on ")
                .append(data.describe()).append("\n\n");
        s.append("Labels (model output order): ").append(String.join(", ", m.labels())).append(".\n");
        s.append(String.format(Locale.ROOT, "Class priors (share of training tracks): %s.%n%n",
                java.util.Arrays.toString(m.classPriors())));
        s.append("## Model\n\n");
        s.append(String.format(Locale.ROOT, "- segment model (GRU role): %s, %d layer(s) x %d hidden%s, dropout %.2f, "
                        + "%s readout, over the %d x %d frame matrix of a %.1f s segment; %,d parameters%n",
                spec.cell(), spec.layers(), spec.hiddenSize(),
                spec.bidirectional() ? " per direction, bidirectional" : "", spec.dropout(),
                spec.readout().name().toLowerCase(Locale.ROOT), spec.frames(), spec.features(),
                m.featureConfig().segmentSeconds(), r.parameters()));
        s.append("- no summary-feature model: the app votes with the segment model alone\n");
        s.append(String.format(Locale.ROOT, "- trained on all %d tracks (%d segments) for %d epochs (Adam, lr %s, "
                        + "batch %d, seed %d), no hold-out%n", d.clips().size(), d.segmentTrack().length,
                r.history().trainLoss().size(), model.learningRate, model.batchSize, model.seed));
        s.append("\n## Evaluation\n\n");
        s.append(cvNote != null ? cvNote : "See docs/evaluation.md (artist-grouped 5-fold cross-validation).")
                .append("\n\n## Intended use\n\n");
        s.append("An example of a non-GTZAN taxonomy served by Genre Stream. Trained on a few hundred 30 s clips of "
                + "Creative Commons music (Magnatune via Emotify): expect errors between pop, rock and electronic.\n");
        return s.toString();
    }
}
