package io.genrestream.trainer.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import io.genrestream.model.GenreBlocks;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.Normalization;
import io.genrestream.model.RecurrentSpec;
import java.util.function.IntConsumer;

/**
 * Trains the segment sequence model ({@link GenreBlocks#recurrent}) on frame matrices: per-feature normalisation
 * fitted over every frame of the training segments, then the shared {@link EpochLoop}.
 */
public final class GruTrainer {

    private GruTrainer() {
    }

    /**
     * Optimiser settings of GRU training.
     *
     * @param learningRate Adam learning rate
     * @param weightDecay  Adam weight decay
     * @param batchSize    segments per batch
     * @param maxEpochs    epochs at most
     * @param patience     early-stopping patience
     * @param seed         seed of weights, dropout and shuffling
     */
    public record Settings(float learningRate, float weightDecay, int batchSize, int maxEpochs, int patience,
                           long seed) {
    }

    /**
     * A trained recurrent model; closing it closes the model.
     *
     * @param model         DJL model
     * @param spec          architecture
     * @param normalization per-feature frame normalisation
     * @param history       per-epoch figures
     */
    public record Result(Model model, RecurrentSpec spec, Normalization normalization, TrainingHistory history)
            implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** Trains on {@code train} segments (class indices {@code y}); validation segments enable early stopping. */
    public static Result fit(RecurrentSpec spec, float[][][] train, int[] y, float[][][] validation, int[] yVal,
                             Settings settings, IntConsumer onEpoch) {
        return fit(spec, train, EpochLoop.oneHot(y, spec.classes()), validation,
                yVal == null ? null : EpochLoop.oneHot(yVal, spec.classes()), settings, onEpoch);
    }

    /**
     * Trains on {@code train} segments against probability targets (one-hot labels and/or a teacher model's
     * probabilities for distillation); normalisation is fitted over all training segments.
     */
    public static Result fit(RecurrentSpec spec, float[][][] train, float[][] targets, float[][][] validation,
                             float[][] validationTargets, Settings settings, IntConsumer onEpoch) {
        Engine.getEngine(ModelBundle.ENGINE).setRandomSeed((int) settings.seed());
        Normalization normalization = Normalization.fitFrames(train);
        Model model = Model.newInstance("gru", ModelBundle.ENGINE);
        model.setBlock(GenreBlocks.recurrent(spec));
        try {
            TrainingHistory history = EpochLoop.run(model, flatten(train, normalization), targets,
                    validation == null ? null : flatten(validation, normalization), validationTargets,
                    new Shape(spec.frames(), spec.features()),
                    new EpochLoop.Settings(settings.learningRate(), settings.weightDecay(), settings.batchSize(),
                            settings.maxEpochs(), settings.patience(), settings.seed()), onEpoch);
            return new Result(model, spec, normalization, history);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Normalised segments, each flattened row-major to frames x features (the example layout of {@link EpochLoop}). */
    static float[][] flatten(float[][][] segments, Normalization normalization) {
        float[][] out = new float[segments.length][];
        for (int s = 0; s < segments.length; s++) {
            float[][] frames = normalization.apply(segments[s]);
            int f = frames[0].length;
            out[s] = new float[frames.length * f];
            for (int t = 0; t < frames.length; t++) {
                System.arraycopy(frames[t], 0, out[s], t * f, f);
            }
        }
        return out;
    }
}
