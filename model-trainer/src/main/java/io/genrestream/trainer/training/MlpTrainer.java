package io.genrestream.trainer.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import io.genrestream.model.GenreBlocks;
import io.genrestream.model.MlpSpec;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.Normalization;
import io.genrestream.trainer.data.FeatureTable;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Trains the summary-feature MLP ({@link GenreBlocks#summaryMlp}) with DJL on the PyTorch engine: normalisation fitted
 * on the training rows only, Adam, softmax cross-entropy, seeded weights/dropout/shuffling, and early stopping on a
 * validation set that keeps the weights of the epoch with the lowest validation loss ({@link EpochLoop}).
 */
public final class MlpTrainer {

    private MlpTrainer() {
    }

    /**
     * A trained MLP; closing it closes the model.
     *
     * @param model         the DJL model (block = {@link GenreBlocks#summaryMlp(MlpSpec)})
     * @param spec          its architecture
     * @param normalization input normalisation fitted on the training rows
     * @param history       per-epoch figures
     */
    public record Result(Model model, MlpSpec spec, Normalization normalization, TrainingHistory history)
            implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** Indices of the {@code *_var} columns (log-scaled when {@link MlpSettings#logVariance()}). */
    public static int[] varianceColumns(List<String> featureNames) {
        return IntStream.range(0, featureNames.size()).filter(i -> featureNames.get(i).endsWith("_var")).toArray();
    }

    /**
     * Trains on {@code trainRows}; with {@code validationRows} stops early and keeps the best epoch, without them
     * trains exactly {@link MlpSettings#maxEpochs()} epochs.
     *
     * @param onEpoch called after every epoch with its number (for progress bars)
     */
    public static Result fit(FeatureTable table, int[] trainRows, int[] validationRows, MlpSettings settings,
                             IntConsumer onEpoch) {
        int classes = table.labels().size();
        int features = table.featureNames().size();
        Engine.getEngine(ModelBundle.ENGINE).setRandomSeed((int) settings.seed());
        Normalization normalization = Normalization.fit(table.rows(trainRows),
                settings.logVariance() ? varianceColumns(table.featureNames()) : new int[0]);
        float[][] xTrain = normalization.apply(table.rows(trainRows));
        int[] yTrain = table.classes(trainRows);
        boolean validate = validationRows != null && validationRows.length > 0;
        float[][] xVal = validate ? normalization.apply(table.rows(validationRows)) : null;
        int[] yVal = validate ? table.classes(validationRows) : null;

        MlpSpec spec = MlpSpec.builder().setInputs(features).setClasses(classes).optHidden(settings.hidden())
                .optDropout(settings.dropout()).build();
        Model model = Model.newInstance("summary", ModelBundle.ENGINE);
        model.setBlock(GenreBlocks.summaryMlp(spec));
        try {
            TrainingHistory history = EpochLoop.run(model, new float[][][] {xTrain}, EpochLoop.oneHot(yTrain, classes),
                    xVal, yVal == null ? null : EpochLoop.oneHot(yVal, classes), new Shape(features),
                    new EpochLoop.Settings(settings.learningRate(), settings.weightDecay(), settings.batchSize(),
                            settings.maxEpochs(), settings.patience(), settings.seed()),
                    new BatchRegularisation(0, settings.inputNoise()), onEpoch);
            return new Result(model, spec, normalization, history);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
