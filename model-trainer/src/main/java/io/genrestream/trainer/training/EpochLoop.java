package io.genrestream.trainer.training;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervised epoch loop both trainers share: Adam, softmax cross-entropy against probability targets (one-hot
 * labels, or a teacher's probabilities when distilling), seeded shuffling, and early stopping that keeps the weights
 * of the epoch with the lowest validation loss. Accuracy counts the logits' arg-max against the targets' arg-max.
 *
 * <p>Written out instead of {@code EasyTrain.fit} + {@code EarlyStoppingListener} because DJL's listener stops
 * training but does not restore the best epoch's weights.
 */
public final class EpochLoop {

    private static final Logger LOG = LoggerFactory.getLogger(EpochLoop.class);

    /**
     * Optimiser and stopping settings.
     *
     * @param learningRate Adam learning rate
     * @param weightDecay  Adam weight decay
     * @param batchSize    examples per batch
     * @param maxEpochs    epochs at most
     * @param patience     epochs without a better validation loss before stopping
     * @param seed         shuffling seed
     * @param labelSets    targets are 0/1 sets of admissible classes ({@link PartialLabelLoss}), not probabilities
     *                     (softmax cross-entropy, which distillation needs)
     */
    record Settings(float learningRate, float weightDecay, int batchSize, int maxEpochs, int patience, long seed,
                    boolean labelSets) {

        /** Settings for probability targets. */
        Settings(float learningRate, float weightDecay, int batchSize, int maxEpochs, int patience, long seed) {
            this(learningRate, weightDecay, batchSize, maxEpochs, patience, seed, false);
        }
    }

    private EpochLoop() {
    }

    /** One-hot targets of class indices. */
    public static float[][] oneHot(int[] classes, int classCount) {
        float[][] out = new float[classes.length][classCount];
        for (int i = 0; i < classes.length; i++) {
            out[i][classes[i]] = 1f;
        }
        return out;
    }

    /**
     * Trains {@code model}'s block on examples (each flattened to {@code exampleShape}, already normalised) against
     * target rows {@code y} [example][class]; with validation data stops early and restores the best epoch, else runs
     * every epoch. {@code xVariants[v][i]} are versions of example {@code i} (v = 0 the original, further ones e.g.
     * augmented copies; each epoch draws one version per example, uniformly), and each batch is regularised by
     * {@code regularisation} (mixup, then input noise).
     */
    static TrainingHistory run(Model model, float[][][] xVariants, float[][] y, float[][] xVal, float[][] yVal,
                               Shape exampleShape, Settings settings, BatchRegularisation regularisation,
                               IntConsumer onEpoch) {
        // dense (probability) labels, logits in: SoftmaxCrossEntropyLoss(name, weight, classAxis, sparseLabel, fromLogit)
        Loss loss = settings.labelSets() ? new PartialLabelLoss()
                : new SoftmaxCrossEntropyLoss("SoftmaxCrossEntropyLoss", 1f, -1, false, true);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                        .optWeightDecays(settings.weightDecay())
                        .build());
        boolean validate = xVal != null && xVal.length > 0;
        TrainingHistory.Recorder recorder = new TrainingHistory.Recorder();
        int bestEpoch = 0;
        try (Trainer trainer = model.newTrainer(config)) {
            trainer.initialize(batchShape(settings.batchSize(), exampleShape));
            LOG.debug("training {} on {} examples, device {}", model.getName(), y.length, trainer.getDevices()[0]);
            Random random = new Random(settings.seed());
            Mixup mixup = regularisation.mixupAlpha() > 0 ? new Mixup(regularisation.mixupAlpha(), settings.seed())
                    : null;
            // a generator of its own, so that runs without noise shuffle exactly as before
            InputNoise noise = regularisation.inputNoise() > 0
                    ? new InputNoise(regularisation.inputNoise(), settings.seed()) : null;
            double bestLoss = Double.POSITIVE_INFINITY;
            List<float[]> bestWeights = null;
            for (int epoch = 1; epoch <= settings.maxEpochs(); epoch++) {
                double[] train = trainEpoch(trainer, loss, xVariants, y, exampleShape, settings.batchSize(), random,
                        mixup, noise);
                double[] val = validate ? evaluate(trainer, loss, xVal, yVal, exampleShape, settings.batchSize())
                        : new double[] {Double.NaN, Double.NaN};
                recorder.add(train[0], train[1], val[0], val[1]);
                onEpoch.accept(epoch);
                if (!validate) {
                    bestEpoch = epoch;
                } else if (val[0] < bestLoss) {
                    bestLoss = val[0];
                    bestEpoch = epoch;
                    bestWeights = snapshot(model);
                } else if (epoch - bestEpoch >= settings.patience()) {
                    break;
                }
            }
            if (bestWeights != null) {
                restore(model, bestWeights);
            }
        }
        return recorder.done(bestEpoch);
    }

    private static Shape batchShape(long batch, Shape exampleShape) {
        return new Shape(batch).addAll(exampleShape);
    }

    private static double[] trainEpoch(Trainer trainer, Loss loss, float[][][] xVariants, float[][] y,
                                       Shape exampleShape, int batchSize, Random random, Mixup mixup,
                                       InputNoise noise) {
        int n = y.length;
        int[] order = shuffledIndices(n, random);
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < n; start += batchSize) {
            int[] rows = java.util.Arrays.copyOfRange(order, start, Math.min(n, start + batchSize));
            float[][] x = new float[rows.length][];
            float[][] targets = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                // a single version draws nothing, so runs without augmentation shuffle exactly as before
                int variant = xVariants.length == 1 ? 0 : random.nextInt(xVariants.length);
                x[i] = xVariants[variant][rows[i]];
                targets[i] = y[rows[i]];
            }
            Mixup.Blend blend = mixup == null ? null : mixup.mix(x, random);
            if (noise != null) {
                noise.add(x);
            }
            try (NDManager batch = trainer.getManager().newSubManager()) {
                int[] all = IntStream.range(0, rows.length).toArray();
                NDArray labels = labels(batch, targets, all);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(examples(batch, x, all, exampleShape)))
                            .singletonOrThrow();
                    NDArray l = blend == null ? loss.evaluate(new NDList(labels), new NDList(logits))
                            : mixupLoss(loss, labels, labels(batch, targets, blend.partner()), logits, blend.lambda());
                    collector.backward(l);
                    lossSum += l.getFloat() * rows.length;
                    correct += correct(logits, labels);
                }
                trainer.step();
            }
        }
        return new double[] {lossSum / n, (double) correct / n};
    }

    /**
     * Mixup's loss: the loss of blended examples' {@code logits} against both examples' targets, weighted as they were
     * blended ({@code lambda} for {@code labels}, the rest for {@code partnerLabels}). For cross-entropy this equals
     * the loss against the blended targets; for label sets ({@link PartialLabelLoss}), whose blend is no set, it is
     * the only form.
     */
    static NDArray mixupLoss(Loss loss, NDArray labels, NDArray partnerLabels, NDArray logits, float lambda) {
        return loss.evaluate(new NDList(labels), new NDList(logits)).mul(lambda)
                .add(loss.evaluate(new NDList(partnerLabels), new NDList(logits)).mul(1 - lambda));
    }

    /** 0 .. n-1 in a Fisher-Yates order drawn from {@code random}. */
    private static int[] shuffledIndices(int n, Random random) {
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * Mixup (Zhang et al. 2018): a batch blended with a shuffled copy of itself, λ ~ Beta(α, α) per batch; the loss
     * weighs both examples' targets by λ and 1 − λ ({@link Blend}).
     */
    private static final class Mixup {
        private final BetaDistribution lambda;

        /** Which example each row was blended with, and the weight of its own. */
        record Blend(int[] partner, float lambda) {
        }

        Mixup(double alpha, long seed) {
            this.lambda = new BetaDistribution(new JDKRandomGenerator((int) seed), alpha, alpha);
        }

        /** Replaces {@code x}'s rows by their blends (new arrays; the inputs' rows are not modified). */
        Blend mix(float[][] x, Random random) {
            int n = x.length;
            int[] partner = shuffledIndices(n, random);
            float l = (float) lambda.sample();
            float[][] mixed = new float[n][];
            for (int i = 0; i < n; i++) {
                mixed[i] = blend(x[i], x[partner[i]], l);
            }
            System.arraycopy(mixed, 0, x, 0, n);
            return new Blend(partner, l);
        }

        private static float[] blend(float[] a, float[] b, float l) {
            float[] out = new float[a.length];
            for (int k = 0; k < a.length; k++) {
                out[k] = l * a[k] + (1 - l) * b[k];
            }
            return out;
        }
    }

    /** Gaussian noise on every input value of a batch, from a generator seeded once per training run. */
    private static final class InputNoise {
        private final double sigma;
        private final Random random;

        InputNoise(double sigma, long seed) {
            this.sigma = sigma;
            this.random = new Random(seed);
        }

        /** Replaces {@code x}'s rows by noisy copies (the inputs' rows are not modified). */
        void add(float[][] x) {
            for (int i = 0; i < x.length; i++) {
                float[] noisy = x[i].clone();
                for (int k = 0; k < noisy.length; k++) {
                    noisy[k] += (float) (sigma * random.nextGaussian());
                }
                x[i] = noisy;
            }
        }
    }

    private static double[] evaluate(Trainer trainer, Loss loss, float[][] x, float[][] y, Shape exampleShape,
                                     int batchSize) {
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < x.length; start += batchSize) {
            int[] rows = IntStream.range(start, Math.min(x.length, start + batchSize)).toArray();
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray labels = labels(batch, y, rows);
                NDArray logits = trainer.evaluate(new NDList(examples(batch, x, rows, exampleShape)))
                        .singletonOrThrow();
                lossSum += loss.evaluate(new NDList(labels), new NDList(logits)).getFloat() * rows.length;
                correct += correct(logits, labels);
            }
        }
        return new double[] {lossSum / x.length, (double) correct / x.length};
    }

    private static NDArray examples(NDManager manager, float[][] x, int[] rows, Shape exampleShape) {
        int size = (int) exampleShape.size();
        float[] flat = new float[rows.length * size];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x[rows[i]], 0, flat, i * size, size);
        }
        return manager.create(flat, batchShape(rows.length, exampleShape));
    }

    private static NDArray labels(NDManager manager, float[][] y, int[] rows) {
        int classes = y[0].length;
        float[] flat = new float[rows.length * classes];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(y[rows[i]], 0, flat, i * classes, classes);
        }
        return manager.create(flat, new Shape(rows.length, classes));
    }

    private static long correct(NDArray logits, NDArray targets) {
        return logits.argMax(1).eq(targets.argMax(1)).countNonzero().getLong();
    }

    /** The values of a model's parameters, in {@code getParameters()} order. */
    static List<float[]> snapshot(Model model) {
        List<float[]> weights = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            weights.add(p.getValue().getArray().toFloatArray());
        }
        return weights;
    }

    /** Sets a model's parameters, in {@code getParameters()} order, to {@code weights}. */
    static void restore(Model model, List<float[]> weights) {
        int i = 0;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            p.getValue().getArray().set(weights.get(i++));
        }
    }
}
