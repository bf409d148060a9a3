package io.genrestream.trainer.cli;

import io.genrestream.trainer.evaluation.SequenceExperiment;
import io.genrestream.trainer.evaluation.SequenceReport;
import io.genrestream.trainer.training.BatchRegularisation;
import io.genrestream.trainer.training.SequenceModelKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code seq search}: a bounded random search over hidden size, layers, dropout and learning rate, every trial
 * evaluated on the same first {@code --search-folds} grouped folds and reported. The folds it selects on are folds of
 * the cross-validation too, so the best trial's figure is optimistic; confirm it with {@code seq cv}.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Random hyper-parameter search (hidden size, layers, dropout, learning rate) with a trial "
                + "budget; reports every trial.")
public final class HyperSearchCommand implements Callable<Integer> {

    @Mixin
    SequenceOptions.Data data;

    @Mixin
    SequenceOptions.Model model;

    @Option(names = "--model", defaultValue = "GRU", description = "model: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    SequenceModelKind kind;

    @Option(names = "--trials", defaultValue = "6", description = "trial budget (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--search-folds", defaultValue = "2", description = "folds each trial is evaluated on (the first ones) (default ${DEFAULT-VALUE})")
    int searchFolds;

    @Option(names = "--hidden-choices", split = ",", defaultValue = "16,32,48,64", description = "hidden sizes (default ${DEFAULT-VALUE})")
    int[] hiddenChoices;

    @Option(names = "--layer-choices", split = ",", defaultValue = "1,2", description = "layer counts (default ${DEFAULT-VALUE})")
    int[] layerChoices;

    @Option(names = "--dropout-range", split = ",", defaultValue = "0,0.4", description = "dropout, uniform in [min,max] (default ${DEFAULT-VALUE})")
    double[] dropoutRange;

    @Option(names = "--learning-rate-range", split = ",", defaultValue = "0.0003,0.003", description = "learning rate, log-uniform in [min,max] (default ${DEFAULT-VALUE})")
    double[] learningRateRange;

    @Option(names = "--segment-seconds", defaultValue = "3.0", description = "segment length (default ${DEFAULT-VALUE})")
    double segmentSeconds;

    @Option(names = "--report", required = true, description = "report directory")
    Path report;

    @Override
    public Integer call() throws Exception {
        model.validate();
        if (trials < 1 || searchFolds < 1 || searchFolds > data.folds || dropoutRange.length != 2
                || learningRateRange.length != 2 || !(learningRateRange[0] > 0)
                || learningRateRange[1] < learningRateRange[0] || dropoutRange[1] < dropoutRange[0]
                || dropoutRange[0] < 0 || dropoutRange[1] >= 1 || hiddenChoices.length == 0 || layerChoices.length == 0) {
            throw new IllegalArgumentException("need --trials >= 1, 1 <= --search-folds <= --folds, ranges as min,max "
                    + "(dropout in [0, 1), learning rate > 0) and non-empty choices");
        }
        SequenceExperiment.Setup setup = SequenceOptions.setup(data, null, segmentSeconds, model.seed);
        SequenceCvCommand.printData(setup);
        Random random = new Random(model.seed);
        int[] folds = IntStream.range(0, searchFolds).toArray();
        List<SequenceReport.Row> rows = new ArrayList<>();
        Map<String, SequenceModelKind.Hyper> hypers = new LinkedHashMap<>();
        for (int trial = 1; trial <= trials; trial++) {
            double logLr = Math.log(learningRateRange[0])
                    + random.nextDouble() * (Math.log(learningRateRange[1]) - Math.log(learningRateRange[0]));
            SequenceModelKind.Hyper hyper = new SequenceModelKind.Hyper(
                    hiddenChoices[random.nextInt(hiddenChoices.length)],
                    layerChoices[random.nextInt(layerChoices.length)],
                    (float) (dropoutRange[0] + random.nextDouble() * (dropoutRange[1] - dropoutRange[0])),
                    model.cnnChannels, (float) Math.exp(logLr), model.readout);
            String name = "trial " + trial + ": " + hyper.describe(kind);
            hypers.put(name, hyper);
            rows.add(new SequenceReport.Row(name, SequenceExperiment.run(setup, kind, hyper,
                    model.settings(hyper.learningRate()), BatchRegularisation.NONE, folds,
                    "trial " + trial)));
            System.out.print(SequenceReport.table(List.of(rows.get(rows.size() - 1))));
        }
        SequenceReport.Row best = rows.stream().max(Comparator
                .comparingDouble((SequenceReport.Row r) -> r.stat(f -> f.plain().trackAccuracy()).mean())
                .thenComparingDouble(r -> r.stat(f -> f.plain().segmentAccuracy()).mean())).orElseThrow();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("data", data.describe());
        context.put("labels", setup.data().labels());
        context.put("model", kind + ", batch " + model.batchSize + ", epochs <= " + model.epochs + ", patience "
                + model.patience + ", seed " + model.seed);
        context.put("search", trials + " random trials on the first " + searchFolds + " of " + data.folds
                + " grouped folds (selection figures, optimistic for the best trial)");
        context.put("best", best.name());
        System.out.println(SequenceReport.write(report, "Hyper-parameter search", context, rows));
        return 0;
    }
}
