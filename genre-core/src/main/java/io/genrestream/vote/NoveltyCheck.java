package io.genrestream.vote;

import java.util.Arrays;

/**
 * Whether audio is like the music the models learned from: the Mahalanobis distance of a segment's summary features
 * (the summary model's input, or its leading columns: a check over fewer features than the row holds reads the first
 * ones, e.g. GTZAN's 57 of the extended columns) to the distribution of the training rows, whose mean, scale and
 * shrunk covariance the trainer fitted. A track's (or live window's) verdict is unknown when its segments' mean
 * distance exceeds {@code threshold}, which the trainer chose on validation folds (a high percentile of held-out
 * training tracks' mean distances), however sure the models are: softmax confidence says nothing about speech, tones
 * or noise, which this catches (measured in docs/evaluation.md). Pure and immutable.
 *
 * @param mean      training mean of each summary feature
 * @param scale     training standard deviation of each summary feature (the features are standardised first)
 * @param precision inverse of the standardised features' shrunk covariance, [features][features], symmetric
 * @param threshold mean distance above which a track is unknown, &gt; 0
 */
public record NoveltyCheck(double[] mean, double[] scale, double[][] precision, double threshold) {

    /** No check: bundles written before it existed, and bundles without a summary model. */
    public static final NoveltyCheck NONE = new NoveltyCheck(new double[0], new double[0], new double[0][], 0);

    public NoveltyCheck {
        int n = mean == null ? -1 : mean.length;
        if (scale == null || precision == null || scale.length != n || precision.length != n) {
            throw new IllegalArgumentException("a novelty check needs a mean, a scale and a precision row per feature");
        }
        for (int i = 0; i < n; i++) {
            if (precision[i] == null || precision[i].length != n || !(scale[i] > 0)) {
                throw new IllegalArgumentException("novelty check: precision row " + i + " must have " + n
                        + " entries and scale " + i + " must be > 0");
            }
        }
        if (n > 0 && !(threshold > 0 && Double.isFinite(threshold))) {
            throw new IllegalArgumentException("novelty threshold must be finite and > 0, got " + threshold);
        }
        mean = mean.clone();
        scale = scale.clone();
        precision = Arrays.stream(precision).map(double[]::clone).toArray(double[][]::new);
    }

    /** Whether this check measures anything ({@link #NONE} does not). */
    public boolean enabled() {
        return mean.length > 0;
    }

    /**
     * Mahalanobis distance of one summary row to the training distribution: {@code sqrt(zᵀ P z)} with {@code z} the
     * standardised leading {@code mean().length} columns of the row; NaN when the check is {@link #NONE} or the row is
     * missing.
     *
     * @throws IllegalArgumentException when the row has fewer columns than the check has features
     */
    public double distance(float[] row) {
        if (!enabled() || row == null) {
            return Double.NaN;
        }
        if (row.length < mean.length) {
            throw new IllegalArgumentException("novelty check over " + mean.length + " features got a row of "
                    + row.length);
        }
        int n = mean.length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (row[i] - mean[i]) / scale[i];
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = 0; j < n; j++) {
                dot += precision[i][j] * z[j];
            }
            sum += z[i] * dot;
        }
        return Math.sqrt(Math.max(0, sum));
    }

    /** Whether a mean distance is beyond the threshold; never for NaN (not measured) or a disabled check. */
    public boolean isNovel(double meanDistance) {
        return enabled() && meanDistance > threshold;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    @Override
    public double[][] precision() {
        return Arrays.stream(precision).map(double[]::clone).toArray(double[][]::new);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoveltyCheck c && Arrays.equals(c.mean, mean) && Arrays.equals(c.scale, scale)
                && Arrays.deepEquals(c.precision, precision) && Double.compare(c.threshold, threshold) == 0;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Double.hashCode(threshold);
    }

    @Override
    public String toString() {
        return enabled() ? "NoveltyCheck[" + mean.length + " features, threshold " + threshold + "]" : "NoveltyCheck[none]";
    }
}
