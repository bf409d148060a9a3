package io.genrestream.trainer.cli;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.GenreBlocks;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.model.RecurrentSpec;
import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.trainer.training.MlpSettings;
import io.genrestream.trainer.training.MlpTrainer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark}: prints training throughput of the summary MLP (rows/s, on a feature table) and of the GRU
 * (segments/s, on random frame matrices of the default feature configuration's shape), plus MLP scoring throughput.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measures MLP training/scoring throughput on a feature table and GRU training throughput on "
                + "random segment frame matrices; prints the figures.")
public final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--table", required = true, description = "feature table CSV")
    Path table;

    @Option(names = "--mlp-epochs", defaultValue = "30", description = "MLP epochs to time (default ${DEFAULT-VALUE})")
    int mlpEpochs;

    @Option(names = "--gru-batches", defaultValue = "30", description = "GRU batches to time (default ${DEFAULT-VALUE})")
    int gruBatches;

    @Option(names = "--gru-batch-size", defaultValue = "64", description = "segments per GRU batch (default ${DEFAULT-VALUE})")
    int gruBatchSize;

    @Override
    public Integer call() throws Exception {
        FeatureTable data = FeatureTable.read(table);
        int[] all = IntStream.range(0, data.size()).toArray();
        System.out.printf(Locale.ROOT, "engine %s, device %s, %d cores%n", Engine.getEngine(ModelBundle.ENGINE)
                .getVersion(), Engine.getEngine(ModelBundle.ENGINE).defaultDevice(),
                Runtime.getRuntime().availableProcessors());
        MlpSettings settings = MlpSettings.DEFAULTS;
        // warm-up epoch, then the timed run
        MlpTrainer.fit(data, all, null, settings.withMaxEpochs(1), e -> { }).close();
        long start = System.nanoTime();
        try (MlpTrainer.Result r = MlpTrainer.fit(data, all, null, settings.withMaxEpochs(mlpEpochs), e -> { })) {
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "MLP %s training: %d rows x %d epochs in %.2f s = %.0f rows/s "
                            + "(batch %d)%n", settings.hidden(), data.size(), mlpEpochs, seconds,
                    data.size() * (double) mlpEpochs / seconds, settings.batchSize());
            try (BatchScorer scorer = BatchScorer.forModel(ModelRole.SUMMARY, r.model(), r.normalization(),
                    data.labels().size())) {
                float[][] batch = data.rows(IntStream.range(0, 64).map(i -> i % data.size()).toArray());
                scorer.scoreRows(batch);
                int rounds = 200;
                long s = System.nanoTime();
                for (int i = 0; i < rounds; i++) {
                    scorer.scoreRows(batch);
                }
                double sec = (System.nanoTime() - s) / 1e9;
                System.out.printf(Locale.ROOT, "MLP scoring: batches of 64 rows, %.3f ms per batch = %.0f rows/s%n",
                        sec * 1000 / rounds, rounds * 64 / sec);
            }
        }
        gru();
        return 0;
    }

    private void gru() throws Exception {
        FeatureConfig config = FeatureConfig.librosaDefaults();
        int frames = config.framesPerSegment();
        int features = config.frameFeatureCount();
        RecurrentSpec spec = RecurrentSpec.builder().setFeatures(features).setFrames(frames).setClasses(10).build();
        Engine.getEngine(ModelBundle.ENGINE).setRandomSeed(42);
        try (Model model = Model.newInstance("gru", ModelBundle.ENGINE)) {
            model.setBlock(GenreBlocks.recurrent(spec));
            Loss loss = Loss.softmaxCrossEntropyLoss();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().build()))) {
                trainer.initialize(new Shape(gruBatchSize, frames, features));
                NDManager m = trainer.getManager();
                NDArray x = m.randomNormal(new Shape(gruBatchSize, frames, features));
                NDArray y = m.randomInteger(0, 10, new Shape(gruBatchSize), ai.djl.ndarray.types.DataType.INT32)
                        .toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                step(trainer, loss, x, y);
                long start = System.nanoTime();
                for (int i = 0; i < gruBatches; i++) {
                    step(trainer, loss, x, y);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "GRU %d layers x %d hidden training on [%d, %d, %d] batches: "
                                + "%.1f ms per batch = %.0f segments/s%n", spec.layers(), spec.hiddenSize(),
                        gruBatchSize, frames, features, seconds * 1000 / gruBatches,
                        gruBatches * (double) gruBatchSize / seconds);
            }
        }
    }

    private static void step(Trainer trainer, Loss loss, NDArray x, NDArray y) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
            collector.backward(loss.evaluate(new NDList(y), new NDList(logits)));
        }
        trainer.step();
    }
}
