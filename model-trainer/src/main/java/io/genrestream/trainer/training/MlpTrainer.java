package io.genrestream.trainer.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.genrestream.model.GenreBlocks;
import io.genrestream.model.MlpSpec;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.Normalization;
import io.genrestream.trainer.data.FeatureTable;
import java.util.ArrayList;
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
        boolean validate = validationRows != null && validationRows.length > 0;
        return fit(table.featureNames(), table.rows(trainRows), EpochLoop.oneHot(table.classes(trainRows), classes),
                validate ? table.rows(validationRows) : null,
                validate ? EpochLoop.oneHot(table.classes(validationRows), classes) : null, false, settings, 1,
                onEpoch);
    }

    /**
     * Trains on raw (unnormalised) rows against target rows: one-hot or probabilities, or with {@code labelSets} the
     * 0/1 sets of admissible classes ({@link PartialLabelLoss}); validation rows enable early stopping. With
     * {@code members > 1} trains that many MLPs apart (seeds {@code seed}, {@code seed + 1}, …) on the same rows and
     * returns their seed ensemble ({@link MlpSpec#members()}); its history is the first member's.
     *
     * @param onEpoch called after every epoch of every member
     */
    public static Result fit(List<String> featureNames, float[][] train, float[][] targets, float[][] validation,
                             float[][] validationTargets, boolean labelSets, MlpSettings settings, int members,
                             IntConsumer onEpoch) {
        // one normalisation for every member: it is fitted on the training rows alone
        Normalization normalization = Normalization.fit(train,
                settings.logVariance() ? varianceColumns(featureNames) : new int[0]);
        float[][] xTrain = normalization.apply(train);
        float[][] xVal = validation == null || validation.length == 0 ? null : normalization.apply(validation);
        return SeedEnsembles.fit(members, m -> fitOne(featureNames.size(), normalization, xTrain, targets, xVal,
                validationTargets, labelSets, settings.withSeed(settings.seed() + m), onEpoch),
                MlpTrainer::ensemble, Result::close);
    }

    /** The ensemble of the trained members: their weights in one model of the ensemble block. */
    private static Result ensemble(List<Result> trained) {
        Result first = trained.get(0);
        MlpSpec spec = first.spec().withMembers(trained.size());
        Model model = SeedEnsembles.combine("summary", GenreBlocks.summaryMlp(spec), new Shape(1, spec.inputs()),
                trained.stream().map(Result::model).toList());
        return new Result(model, spec, first.normalization(), first.history());
    }

    private static Result fitOne(int features, Normalization normalization, float[][] xTrain, float[][] targets,
                                 float[][] xVal, float[][] validationTargets, boolean labelSets, MlpSettings settings,
                                 IntConsumer onEpoch) {
        int classes = targets[0].length;
        Engine.getEngine(ModelBundle.ENGINE).setRandomSeed((int) settings.seed());
        MlpSpec spec = MlpSpec.builder().setInputs(features).setClasses(classes).optHidden(settings.hidden())
                .optDropout(settings.dropout()).build();
        Model model = Model.newInstance("summary", ModelBundle.ENGINE);
        model.setBlock(GenreBlocks.summaryMlp(spec));
        try {
            TrainingHistory history = EpochLoop.run(model, new float[][][] {xTrain}, targets,
                    xVal, xVal == null ? null : validationTargets, new Shape(features),
                    new EpochLoop.Settings(settings.learningRate(), settings.weightDecay(), settings.batchSize(),
                            settings.maxEpochs(), settings.patience(), settings.seed(), labelSets),
                    new BatchRegularisation(0, settings.inputNoise()), onEpoch);
            return new Result(model, spec, normalization, history);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
