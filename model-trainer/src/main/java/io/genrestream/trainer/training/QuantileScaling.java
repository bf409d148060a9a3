package io.genrestream.trainer.training;

import java.util.Arrays;

/**
 * Maps each feature to its empirical cumulative probability among the training rows, in [0, 1]: scikit-learn's
 * {@code QuantileTransformer(output_distribution="uniform")} with its default of 1,000 quantiles (fewer when there
 * are fewer rows), linear interpolation between quantiles, ties split as scikit-learn does (the mean of the
 * interpolations from below and from above), and values outside the training range clipped to 0 or 1.
 *
 * <p>Written here because Tribuo's transformations offer only linear scalings and discrete bins. Heavy-tailed and
 * skewed summary features (variances, spectral bandwidths) then reach an RBF kernel evenly spread; see
 * docs/evaluation.md for what it does to the SVM.
 */
final class QuantileScaling {

    /** scikit-learn's default number of quantiles. */
    static final int DEFAULT_QUANTILES = 1000;

    private final double[][] quantiles;
    private final double[] references;

    private QuantileScaling(double[][] quantiles, double[] references) {
        this.quantiles = quantiles;
        this.references = references;
    }

    /**
     * Fits the quantiles of every column of {@code rows} ({@code [row][column]}).
     *
     * @throws IllegalArgumentException if there are no rows or a value is not finite
     */
    static QuantileScaling fit(double[][] rows, int maxQuantiles) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("quantile scaling needs at least one training row");
        }
        int n = Math.max(2, Math.min(maxQuantiles, rows.length));
        double[] references = new double[n];
        for (int i = 0; i < n; i++) {
            references[i] = (double) i / (n - 1);
        }
        int columns = rows[0].length;
        double[][] quantiles = new double[columns][n];
        double[] column = new double[rows.length];
        for (int c = 0; c < columns; c++) {
            for (int r = 0; r < rows.length; r++) {
                column[r] = rows[r][c];
                if (!Double.isFinite(column[r])) {
                    throw new IllegalArgumentException("quantile scaling: row " + r + " column " + c
                            + " is not finite: " + column[r]);
                }
            }
            Arrays.sort(column);
            double previous = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                // numpy's percentile with linear interpolation, then kept non-decreasing (np.maximum.accumulate)
                double position = references[i] * (rows.length - 1);
                int below = (int) Math.floor(position);
                int above = Math.min(below + 1, rows.length - 1);
                double q = column[below] + (position - below) * (column[above] - column[below]);
                previous = Math.max(previous, q);
                quantiles[c][i] = previous;
            }
        }
        return new QuantileScaling(quantiles, references);
    }

    /** The scaled copy of {@code row}. */
    double[] apply(double[] row) {
        double[] out = new double[row.length];
        for (int c = 0; c < row.length; c++) {
            double[] q = quantiles[c];
            double x = row[c];
            if (x <= q[0]) {
                out[c] = 0;
            } else if (x >= q[q.length - 1]) {
                out[c] = 1;
            } else {
                out[c] = 0.5 * (interpolateFromBelow(q, x) + interpolateFromAbove(q, x));
            }
        }
        return out;
    }

    /** np.interp(x, q, references) inside the range: on a run of equal quantiles, the last one's reference. */
    private double interpolateFromBelow(double[] q, double x) {
        int i = lastAtMost(q, x);
        if (q[i] == x) {
            return references[i];
        }
        return references[i] + (x - q[i]) / (q[i + 1] - q[i]) * (references[i + 1] - references[i]);
    }

    /** -np.interp(-x, -q[::-1], -references[::-1]) inside the range: on a run of equal quantiles, the first one's. */
    private double interpolateFromAbove(double[] q, double x) {
        int i = firstAtLeast(q, x);
        if (q[i] == x) {
            return references[i];
        }
        return references[i] - (q[i] - x) / (q[i] - q[i - 1]) * (references[i] - references[i - 1]);
    }

    /** Largest index with q[index] <= x (q[0] <= x holds). */
    private static int lastAtMost(double[] q, double x) {
        int lo = 0;
        int hi = q.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (q[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Smallest index with q[index] >= x (q[last] >= x holds). */
    private static int firstAtLeast(double[] q, double x) {
        int lo = 0;
        int hi = q.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (q[mid] >= x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
