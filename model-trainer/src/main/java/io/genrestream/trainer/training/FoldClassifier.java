package io.genrestream.trainer.training;

import io.genrestream.trainer.data.FeatureTable;

/**
 * A model family evaluated by cross-validation: trains on one fold's training rows and gives class probabilities for
 * its test rows (one-hot for models without probabilities).
 */
public interface FoldClassifier {

    /** Name printed in reports ({@code svm}, {@code mlp}, ...). */
    String name();

    /** Trains on {@code train} and returns probabilities [test rows][classes] in label order. */
    float[][] fitPredict(FeatureTable table, int[] train, int[] test);
}
