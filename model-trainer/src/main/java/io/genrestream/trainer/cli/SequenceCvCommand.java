package io.genrestream.trainer.cli;

import io.genrestream.trainer.data.LabelledClips;
import io.genrestream.trainer.data.SegmentDataset;
import io.genrestream.trainer.evaluation.SequenceExperiment;
import io.genrestream.trainer.evaluation.SequenceReport;
import io.genrestream.trainer.folds.GroupedFolds;
import io.genrestream.trainer.training.SequenceModelKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seq cv}: grouped (e.g. by artist), stratified, seeded k-fold cross-validation of the segment models (GRU,
 * LSTM, BiLSTM, CNN) on labelled audio, segment-level and track-level (the app's vote), with switchable augmentation,
 * mixup and test-time augmentation so their effect can be measured against the same folds.
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "Cross-validates GRU/LSTM/BiLSTM/CNN segment models with folds grouped by artist (or another "
                + "group column): segment and track (vote) accuracy and macro-F1, time per epoch, parameters, "
                + "scoring throughput.")
public final class SequenceCvCommand implements Callable<Integer> {

    @Mixin
    SequenceOptions.Data data;

    @Mixin
    SequenceOptions.Model model;

    @Mixin
    SequenceOptions.Tricks tricks;

    @Option(names = "--models", split = ",", defaultValue = "GRU,LSTM,BILSTM,CNN", description = "models to compare: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    List<SequenceModelKind> models;

    @Option(names = "--segment-seconds", defaultValue = "3.0", description = "segment length (default ${DEFAULT-VALUE})")
    double segmentSeconds;

    @Option(names = "--report", required = true, description = "report directory (report.json, report.md)")
    Path report;

    @Override
    public Integer call() throws Exception {
        model.validate();
        tricks.validate();
        SequenceExperiment.Setup setup = SequenceOptions.setup(data, tricks, segmentSeconds, model.seed);
        printData(setup);
        List<SequenceReport.Row> rows = new ArrayList<>();
        int[] folds = IntStream.range(0, data.folds).toArray();
        for (SequenceModelKind kind : models) {
            List<SequenceExperiment.FoldResult> results = SequenceExperiment.run(setup, kind, model.hyper(),
                    model.settings(model.learningRate), tricks.regularisation(), folds, kind.name());
            rows.add(new SequenceReport.Row(kind.name(), results));
            System.out.print(SequenceReport.table(List.of(rows.get(rows.size() - 1))));
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("data", data.describe());
        context.put("labels", setup.data().labels());
        context.put("tracks", setup.data().clips().size());
        context.put("segments", setup.data().segmentTrack().length);
        context.put("skippedFiles", setup.data().skipped());
        context.put("segmentSeconds", segmentSeconds);
        context.put("folds", data.folds + " (grouped, stratified, split seed " + data.splitSeed + ")");
        context.put("model", model.hyper().toString() + ", batch " + model.batchSize + ", epochs <= " + model.epochs
                + ", patience " + model.patience + ", seed " + model.seed);
        context.put("tricks", tricks.describe());
        System.out.println(SequenceReport.write(report, "Sequence models, grouped " + data.folds + "-fold CV",
                context, rows));
        return 0;
    }

    static void printData(SequenceExperiment.Setup setup) {
        SegmentDataset d = setup.data();
        System.out.printf("%d tracks, %d segments, labels %s, %d groups; %d file(s) skipped%n", d.clips().size(),
                d.segmentTrack().length, d.labels(), d.clips().stream().map(LabelledClips.Clip::group).distinct()
                        .count(), d.skipped().size());
        d.skipped().forEach(s -> System.out.println("  skipped " + s));
        GroupedFolds.classCounts(setup.foldOfTrack(), d.trackClasses(), d.labels().size()).forEach((f, counts) ->
                System.out.printf("  fold %d: tracks per class %s%n", f + 1, java.util.Arrays.toString(counts)));
    }
}
