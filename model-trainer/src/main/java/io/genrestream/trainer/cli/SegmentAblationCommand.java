package io.genrestream.trainer.cli;

import io.genrestream.trainer.evaluation.SequenceExperiment;
import io.genrestream.trainer.evaluation.SequenceReport;
import io.genrestream.trainer.training.BatchRegularisation;
import io.genrestream.trainer.training.SequenceModelKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seq ablation}: the same grouped folds, one segment length after another: how short can a segment be before
 * accuracy drops (for live streams, the time to the first verdict)?
 */
@Command(name = "ablation", mixinStandardHelpOptions = true,
        description = "Segment-length ablation: cross-validates a segment model at each segment length on the same "
                + "grouped folds and reports accuracy against length (report.md, report.json, accuracy-vs-length.png).")
public final class SegmentAblationCommand implements Callable<Integer> {

    @Mixin
    SequenceOptions.Data data;

    @Mixin
    SequenceOptions.Model model;

    @Option(names = "--model", defaultValue = "GRU", description = "model: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    SequenceModelKind kind;

    @Option(names = "--lengths", split = ",", defaultValue = "1,1.5,2,3", description = "segment lengths in seconds (default ${DEFAULT-VALUE})")
    double[] lengths;

    @Option(names = "--report", required = true, description = "report directory")
    Path report;

    @Override
    public Integer call() throws Exception {
        model.validate();
        for (double s : lengths) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("--lengths must be positive seconds, got " + s);
            }
        }
        List<SequenceReport.Row> rows = new ArrayList<>();
        int[] folds = IntStream.range(0, data.folds).toArray();
        Map<String, Object> context = new LinkedHashMap<>();
        for (double seconds : lengths) {
            SequenceExperiment.Setup setup = SequenceOptions.setup(data, null, seconds, model.seed);
            SequenceCvCommand.printData(setup);
            String name = String.format(Locale.ROOT, "%s %.1f s", kind, seconds);
            rows.add(new SequenceReport.Row(name, SequenceExperiment.run(setup, kind, model.hyper(),
                    model.settings(model.learningRate), BatchRegularisation.NONE, folds, name)));
            System.out.print(SequenceReport.table(List.of(rows.get(rows.size() - 1))));
            context.put("segments at " + seconds + " s", setup.data().segmentTrack().length);
            context.put("labels", setup.data().labels());
        }
        context.put("data", data.describe());
        context.put("folds", data.folds + " (grouped, stratified, split seed " + data.splitSeed + ")");
        context.put("model", kind + " " + model.hyper() + ", batch " + model.batchSize + ", epochs <= "
                + model.epochs + ", patience " + model.patience + ", seed " + model.seed);
        System.out.println(SequenceReport.write(report, "Segment-length ablation", context, rows));
        SequenceReport.writeChart(report.resolve("accuracy-vs-length.png"), kind + ": accuracy vs segment length",
                "segment length (s)", lengths, rows);
        return 0;
    }
}
