package io.genrestream.trainer.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-epoch loss and accuracy of a training run (validation figures are NaN when there was no validation set).
 *
 * @param trainLoss          mean training loss per epoch
 * @param trainAccuracy      training accuracy per epoch (with dropout active)
 * @param validationLoss     validation loss per epoch
 * @param validationAccuracy validation accuracy per epoch
 * @param bestEpoch          epoch (1-based) whose weights were kept
 */
public record TrainingHistory(List<Double> trainLoss, List<Double> trainAccuracy, List<Double> validationLoss,
                              List<Double> validationAccuracy, int bestEpoch) {

    /** Collects a history epoch by epoch. */
    static final class Recorder {
        private final List<Double> trainLoss = new ArrayList<>();
        private final List<Double> trainAccuracy = new ArrayList<>();
        private final List<Double> validationLoss = new ArrayList<>();
        private final List<Double> validationAccuracy = new ArrayList<>();

        void add(double tl, double ta, double vl, double va) {
            trainLoss.add(tl);
            trainAccuracy.add(ta);
            validationLoss.add(vl);
            validationAccuracy.add(va);
        }

        int epochs() {
            return trainLoss.size();
        }

        TrainingHistory done(int bestEpoch) {
            return new TrainingHistory(List.copyOf(trainLoss), List.copyOf(trainAccuracy), List.copyOf(validationLoss),
                    List.copyOf(validationAccuracy), bestEpoch);
        }
    }
}
