package io.genrestream.trainer.training;

import java.util.List;

/**
 * Hyper-parameters of summary-MLP training. Defaults: the scikit-learn reference MLP's layers (256, 128) with
 * dropout and early stopping; their 10-fold CV figures, and a tried variant, are in docs/evaluation.md.
 *
 * @param hidden             hidden layer sizes
 * @param dropout            dropout after each hidden layer
 * @param learningRate       Adam learning rate
 * @param weightDecay        Adam weight decay (L2)
 * @param inputNoise         standard deviation of the Gaussian noise added to the standardised inputs of every
 *                           training batch (0 = none)
 * @param batchSize          rows per batch
 * @param maxEpochs          epochs at most
 * @param patience           epochs without a better validation loss before stopping
 * @param validationFraction share of the training tracks held out for early stopping
 * @param logVariance        take the log of the table's {@code *_var} columns before standardising
 * @param seed               seed of weights, dropout, shuffling and the validation split
 */
public record MlpSettings(List<Integer> hidden, float dropout, float learningRate, float weightDecay, double inputNoise,
                          int batchSize, int maxEpochs, int patience, double validationFraction, boolean logVariance,
                          long seed) {

    /** Defaults. */
    public static final MlpSettings DEFAULTS =
            new MlpSettings(List.of(256, 128), 0.3f, 1e-3f, 1e-4f, 0, 32, 200, 20, 0.1, true, 42);

    public MlpSettings {
        hidden = List.copyOf(hidden);
        if (batchSize < 1 || maxEpochs < 1 || patience < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("batch size, epochs, patience and learning rate must be positive");
        }
        if (!(inputNoise >= 0)) {
            throw new IllegalArgumentException("input noise must be >= 0, got " + inputNoise);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
    }

    /** These settings with another epoch limit. */
    public MlpSettings withMaxEpochs(int epochs) {
        return new MlpSettings(hidden, dropout, learningRate, weightDecay, inputNoise, batchSize, epochs, patience,
                validationFraction, logVariance, seed);
    }

    /** These settings with another seed. */
    public MlpSettings withSeed(long newSeed) {
        return new MlpSettings(hidden, dropout, learningRate, weightDecay, inputNoise, batchSize, maxEpochs, patience,
                validationFraction, logVariance, newSeed);
    }
}
