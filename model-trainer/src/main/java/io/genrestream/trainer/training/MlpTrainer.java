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
                validate ? EpochLoop.oneHot(table.classes(validationRows), classes) : null, false, settings,
                Ensemble.of(1), onEpoch);
    }

    /**
     * How many MLPs a summary model averages ({@link MlpSpec#members()}, {@link MlpSpec#viewMembers()}).
     *
     * @param members     MLPs that read every column
     * @param viewInputs  the leading columns the view members read (0 when there are none)
     * @param viewMembers MLPs that read only those
     */
    public record Ensemble(int members, int viewInputs, int viewMembers) {

        public Ensemble {
            if (members < 1 || viewMembers < 0) {
                throw new IllegalArgumentException("an MLP ensemble needs at least one member that reads every "
                        + "column and no negative count of view members, got " + members + " and " + viewMembers);
            }
        }

        /** {@code members} MLPs that read every column, no view. */
        public static Ensemble of(int members) {
            return new Ensemble(members, 0, 0);
        }
    }

    /**
     * Trains on raw (unnormalised) rows against target rows: one-hot or probabilities, or with {@code labelSets} the
     * 0/1 sets of admissible classes ({@link PartialLabelLoss}); validation rows enable early stopping. With more
     * than one member trains the {@code ensemble}'s MLPs apart (seeds {@code seed}, {@code seed + 1}, …, the view
     * members last) on the same rows and returns their seed ensemble ({@link MlpSpec#members()},
     * {@link MlpSpec#viewMembers()}); its history is the first member's.
     *
     * @param onEpoch called after every epoch of every member
     */
    public static Result fit(List<String> featureNames, float[][] train, float[][] targets, float[][] validation,
                             float[][] validationTargets, boolean labelSets, MlpSettings settings, Ensemble ensemble,
                             IntConsumer onEpoch) {
        // one normalisation for every member: it is fitted on the training rows alone
        Normalization normalization = Normalization.fit(train,
                settings.logVariance() ? varianceColumns(featureNames) : new int[0]);
        float[][] xTrain = normalization.apply(train);
        float[][] xVal = validation == null || validation.length == 0 ? null : normalization.apply(validation);
        MlpSpec spec = MlpSpec.builder().setInputs(featureNames.size()).setClasses(targets[0].length)
                .optHidden(settings.hidden()).optDropout(settings.dropout()).build()
                .withMembers(ensemble.members()).withView(ensemble.viewInputs(), ensemble.viewMembers());
        // the view members' columns, cut once for all of them
        float[][] viewTrain = leading(xTrain, ensemble.viewInputs());
        float[][] viewVal = leading(xVal, ensemble.viewInputs());
        return SeedEnsembles.fit(ensemble.members() + ensemble.viewMembers(), m -> {
            boolean all = m < ensemble.members();
            return fitOne(all ? featureNames.size() : ensemble.viewInputs(), normalization, all ? xTrain : viewTrain,
                    targets, all ? xVal : viewVal, validationTargets, labelSets,
                    settings.withSeed(settings.seed() + m), onEpoch);
        }, trained -> ensemble(spec, trained), Result::close);
    }

    /** The first {@code columns} columns of {@code rows}; {@code null} without rows or columns. */
    private static float[][] leading(float[][] rows, int columns) {
        if (rows == null || rows.length == 0 || columns == 0) {
            return null;
        }
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = java.util.Arrays.copyOf(rows[r], columns);
        }
        return out;
    }

    /** The ensemble of the trained members: their weights in one model of the ensemble block. */
    private static Result ensemble(MlpSpec spec, List<Result> trained) {
        Model model = SeedEnsembles.combine("summary", GenreBlocks.summaryMlp(spec), new Shape(1, spec.inputs()),
                trained.stream().map(Result::model).toList());
        Result first = trained.get(0);
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
                    settings.regularisation(), onEpoch);
            return new Result(model, spec, normalization, history);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
