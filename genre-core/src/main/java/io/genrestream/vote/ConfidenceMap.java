package io.genrestream.vote;

import java.util.Arrays;

/**
 * A monotone map from a verdict's tempered confidence to the accuracy such verdicts had on validation folds: linear
 * between knots, flat beyond the first and last. The trainer fits it by Platt scaling on held-out tracks
 * ({@code PlattFit}, sampled at 101 knots; earlier bundles hold isotonic steps); a single track temperature
 * cannot fit sources that are over- and under-confident at different confidences, a monotone map can.
 * {@link #IDENTITY} (no knots) leaves confidences as they are. Pure.
 *
 * @param confidence knots' confidences, strictly increasing, in [0, 1]
 * @param accuracy   knots' accuracies, non-decreasing, in [0, 1]
 */
public record ConfidenceMap(double[] confidence, double[] accuracy) {

    /** No map: bundles written before it existed. */
    public static final ConfidenceMap IDENTITY = new ConfidenceMap(new double[0], new double[0]);

    public ConfidenceMap {
        if (confidence == null || accuracy == null || confidence.length != accuracy.length) {
            throw new IllegalArgumentException("a confidence map needs as many accuracies as confidences");
        }
        for (int i = 0; i < confidence.length; i++) {
            boolean inRange = confidence[i] >= 0 && confidence[i] <= 1 && accuracy[i] >= 0 && accuracy[i] <= 1;
            boolean ordered = i == 0 || (confidence[i] > confidence[i - 1] && accuracy[i] >= accuracy[i - 1]);
            if (!inRange || !ordered) {
                throw new IllegalArgumentException("confidence map knot " + i + " (" + confidence[i] + " -> "
                        + accuracy[i] + ") is outside [0, 1] or breaks the order");
            }
        }
        confidence = confidence.clone();
        accuracy = accuracy.clone();
    }

    /** The mapped confidence of {@code c}. */
    public double apply(double c) {
        int n = confidence.length;
        if (n == 0) {
            return c;
        }
        if (c <= confidence[0]) {
            return accuracy[0];
        }
        if (c >= confidence[n - 1]) {
            return accuracy[n - 1];
        }
        int hi = Arrays.binarySearch(confidence, c);
        if (hi >= 0) {
            return accuracy[hi];
        }
        hi = -hi - 1;
        int lo = hi - 1;
        double t = (c - confidence[lo]) / (confidence[hi] - confidence[lo]);
        return accuracy[lo] + t * (accuracy[hi] - accuracy[lo]);
    }

    @Override
    public double[] confidence() {
        return confidence.clone();
    }

    @Override
    public double[] accuracy() {
        return accuracy.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfidenceMap m && Arrays.equals(m.confidence, confidence)
                && Arrays.equals(m.accuracy, accuracy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(confidence) * 31 + Arrays.hashCode(accuracy);
    }

    @Override
    public String toString() {
        return "ConfidenceMap[" + confidence.length + " knots]";
    }
}
