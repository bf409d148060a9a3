package io.genrestream.trainer.training;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.genrestream.model.GenreBlocks;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.Normalization;
import io.genrestream.model.RecurrentSpec;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Trains any {@link SequenceModelKind} on segment matrices [segment][frame][column]: per-column normalisation fitted
 * over every frame of the original training segments, then the shared {@link EpochLoop} with optional augmented
 * versions of each segment, mixup and input noise.
 */
public final class SequenceTrainer {

    private SequenceTrainer() {
    }

    /**
     * Optimiser settings.
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

        /** The same settings with another seed. */
        public Settings withSeed(long other) {
            return new Settings(learningRate, weightDecay, batchSize, maxEpochs, patience, other);
        }
    }

    /**
     * Training data and tricks.
     *
     * @param versions          {@code versions[0]} the training segments, further entries augmented versions of the
     *                          same segments in the same order (one drawn per segment and epoch)
     * @param targets           target row of each training segment: one-hot, or with {@code labelSets} the 0/1 set of
     *                          its admissible classes
     * @param validation        validation segments for early stopping, or {@code null}
     * @param validationTargets their target rows
     * @param regularisation    mixup and input noise of every batch
     * @param labelSets         targets are sets of admissible classes ({@link PartialLabelLoss})
     */
    public record Data(float[][][][] versions, float[][] targets, float[][][] validation, float[][] validationTargets,
                       BatchRegularisation regularisation, boolean labelSets) {

        /** Data whose segments each have one class. */
        public static Data ofClasses(float[][][][] versions, int[] labels, float[][][] validation, int[] yVal,
                                     int classes, BatchRegularisation regularisation) {
            return new Data(versions, EpochLoop.oneHot(labels, classes), validation,
                    yVal == null ? null : EpochLoop.oneHot(yVal, classes), regularisation, false);
        }
    }

    /**
     * A trained model; closing it closes the model.
     *
     * @param model           DJL model
     * @param normalization   per-column normalisation
     * @param history         per-epoch figures
     * @param secondsPerEpoch mean wall time of one epoch (training and validation)
     * @param parameters      trainable parameters
     */
    public record Result(Model model, Normalization normalization, TrainingHistory history, double secondsPerEpoch,
                         long parameters) implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    /** Trains {@code kind} with {@code hyper} and the optimiser {@code settings}. */
    public static Result fit(SequenceModelKind kind, SequenceModelKind.Hyper hyper, Data data, int classes,
                             Settings settings, IntConsumer onEpoch) {
        return fit(kind, hyper, data, classes, settings, 1, onEpoch);
    }

    /**
     * Trains {@code kind} with {@code hyper} and the optimiser {@code settings}; with {@code members > 1} (recurrent
     * kinds only) that many models apart (seeds {@code seed}, {@code seed + 1}, …) on the same data, returned as their
     * seed ensemble ({@link RecurrentSpec#members()}), whose history and time per epoch are the first member's.
     *
     * @param onEpoch called after every epoch of every member
     */
    public static Result fit(SequenceModelKind kind, SequenceModelKind.Hyper hyper, Data data, int classes,
                             Settings settings, int members, IntConsumer onEpoch) {
        if (members > 1 && kind.usesLogMel()) {
            throw new IllegalArgumentException(kind + " has no seed ensemble; the recurrent models have");
        }
        Normalized input = Normalized.of(data);
        return SeedEnsembles.fit(members,
                m -> fitOne(kind, hyper, data, input, classes, settings.withSeed(settings.seed() + m), onEpoch),
                trained -> ensemble(kind, hyper, trained, input, classes), Result::close);
    }

    /**
     * The training and validation segments normalised and flattened once for every member.
     *
     * @param normalization per-column normalisation fitted over every frame of the original training segments
     * @param versions      each version's segments, flattened
     * @param validation    the validation segments, flattened, or {@code null}
     */
    private record Normalized(Normalization normalization, float[][][] versions, float[][] validation, int frames,
                              int columns) {

        static Normalized of(Data data) {
            float[][][] train = data.versions()[0];
            Normalization normalization = Normalization.fitFrames(train);
            float[][][] x = new float[data.versions().length][][];
            for (int v = 0; v < x.length; v++) {
                x[v] = flatten(data.versions()[v], normalization);
            }
            return new Normalized(normalization, x,
                    data.validation() == null ? null : flatten(data.validation(), normalization), train[0].length,
                    train[0][0].length);
        }
    }

    /** The ensemble of the trained members: their weights in one model of the ensemble block. */
    private static Result ensemble(SequenceModelKind kind, SequenceModelKind.Hyper hyper, List<Result> trained,
                                   Normalized input, int classes) {
        Result first = trained.get(0);
        RecurrentSpec spec = kind.recurrentSpec(hyper, input.frames(), input.columns(), classes)
                .withMembers(trained.size());
        Model model = SeedEnsembles.combine(kind.name().toLowerCase(Locale.ROOT), GenreBlocks.recurrent(spec),
                new Shape(1, spec.frames(), spec.features()), trained.stream().map(Result::model).toList());
        return new Result(model, input.normalization(), first.history(), first.secondsPerEpoch(),
                trainableParameters(model));
    }

    private static Result fitOne(SequenceModelKind kind, SequenceModelKind.Hyper hyper, Data data, Normalized input,
                                 int classes, Settings settings, IntConsumer onEpoch) {
        Engine.getEngine(ModelBundle.ENGINE).setRandomSeed((int) settings.seed());
        Model model = Model.newInstance(kind.name().toLowerCase(Locale.ROOT), ModelBundle.ENGINE);
        model.setBlock(kind.block(hyper, input.frames(), input.columns(), classes));
        try {
            long start = System.nanoTime();
            int[] epochs = {0};
            TrainingHistory history = EpochLoop.run(model, input.versions(), data.targets(), input.validation(),
                    data.validationTargets(), new Shape(input.frames(), input.columns()),
                    new EpochLoop.Settings(settings.learningRate(), settings.weightDecay(), settings.batchSize(),
                            settings.maxEpochs(), settings.patience(), settings.seed(), data.labelSets()),
                    data.regularisation(), e -> {
                        epochs[0] = e;
                        onEpoch.accept(e);
                    });
            double perEpoch = (System.nanoTime() - start) / 1e9 / Math.max(1, epochs[0]);
            return new Result(model, input.normalization(), history, perEpoch, trainableParameters(model));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Number of trainable values of a model's block. */
    static long trainableParameters(Model model) {
        long n = 0;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    /** Normalised segments, each flattened row-major to frames x columns (the example layout of {@link EpochLoop}). */
    private static float[][] flatten(float[][][] segments, Normalization normalization) {
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
