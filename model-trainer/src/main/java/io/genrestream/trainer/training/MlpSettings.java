package io.genrestream.trainer.training;

import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of summary-MLP training. Defaults: the scikit-learn reference MLP's layers (256, 128) with
 * dropout and early stopping; their 10-fold CV figures, and a tried variant, are in docs/evaluation.md.
 *
 * @param hidden             hidden layer sizes
 * @param dropout            dropout after each hidden layer
 * @param learningRate       Adam learning rate
 * @param weightDecay        Adam weight decay (L2)
 * @param regularisation     mixup and Gaussian input noise on every training batch of standardised inputs
 *                           ({@link BatchRegularisation#NONE}: neither)
 * @param batchSize          rows per batch
 * @param maxEpochs          epochs at most
 * @param patience           epochs without a better validation loss before stopping
 * @param validationFraction share of the training tracks held out for early stopping
 * @param logVariance        take the log of the table's {@code *_var} columns before standardising
 * @param seed               seed of weights, dropout, shuffling and the validation split
 */
public record MlpSettings(List<Integer> hidden, float dropout, float learningRate, float weightDecay,
                          BatchRegularisation regularisation, int batchSize, int maxEpochs, int patience,
                          double validationFraction, boolean logVariance, long seed) {

    /** Defaults. */
    public static final MlpSettings DEFAULTS =
            new MlpSettings(List.of(256, 128), 0.3f, 1e-3f, 1e-4f, BatchRegularisation.NONE, 32, 200, 20, 0.1, true,
                    42);

    public MlpSettings {
        hidden = List.copyOf(hidden);
        if (batchSize < 1 || maxEpochs < 1 || patience < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("batch size, epochs, patience and learning rate must be positive");
        }
        Objects.requireNonNull(regularisation, "regularisation");
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
    }

    /** These settings with another epoch limit. */
    public MlpSettings withMaxEpochs(int epochs) {
        return new MlpSettings(hidden, dropout, learningRate, weightDecay, regularisation, batchSize, epochs, patience,
                validationFraction, logVariance, seed);
    }

    /** These settings with another seed. */
    public MlpSettings withSeed(long newSeed) {
        return new MlpSettings(hidden, dropout, learningRate, weightDecay, regularisation, batchSize, maxEpochs,
                patience, validationFraction, logVariance, newSeed);
    }

    /** These settings with another batch regularisation. */
    public MlpSettings withRegularisation(BatchRegularisation newRegularisation) {
        return new MlpSettings(hidden, dropout, learningRate, weightDecay, newRegularisation, batchSize, maxEpochs,
                patience, validationFraction, logVariance, seed);
    }
}
