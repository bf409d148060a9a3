package io.genrestream.trainer.training;

import io.genrestream.vote.NoveltyCheck;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Fits a {@link NoveltyCheck} on training rows of summary features: their mean and standard deviation, and the inverse
 * of the standardised rows' covariance shrunk towards the identity ({@code (1 - λ) C + λ I}, so that nearly collinear
 * features, such as a feature's mean and variance, do not make the inverse explode). The threshold is a quantile of
 * held-out tracks' mean distances, measured by the caller on validation folds.
 */
public final class NoveltyFit {

    /** Shrinkage towards the identity used by the bundle trainer (0.01 and 0.1 flagged the same synthetic inputs). */
    public static final double SHRINKAGE = 0.01;

    private NoveltyFit() {
    }

    /**
     * @param rows      training rows [row][feature], at least two
     * @param columns   the leading columns of the rows the check measures (1 to the rows' length)
     * @param shrinkage λ in [0, 1]
     * @param threshold the check's mean-distance threshold (see {@link #quantile})
     */
    public static NoveltyCheck fit(float[][] rows, int columns, double shrinkage, double threshold) {
        if (rows.length < 2 || !(shrinkage >= 0 && shrinkage <= 1) || columns < 1 || columns > rows[0].length) {
            throw new IllegalArgumentException("need at least two rows, a shrinkage in [0, 1] and 1 to "
                    + (rows.length == 0 ? 0 : rows[0].length) + " columns, got " + rows.length + " rows, "
                    + shrinkage + " and " + columns);
        }
        int n = columns;
        double[] mean = new double[n];
        double[] scale = new double[n];
        for (float[] r : rows) {
            for (int j = 0; j < n; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < n; j++) {
            mean[j] /= rows.length;
        }
        for (float[] r : rows) {
            for (int j = 0; j < n; j++) {
                scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
            }
        }
        double[][] z = new double[rows.length][n];
        for (int j = 0; j < n; j++) {
            // a constant feature gets scale 1: its standardised value is 0 in training, any change is novel
            scale[j] = Math.sqrt(scale[j] / (rows.length - 1));
            scale[j] = scale[j] > 1e-12 ? scale[j] : 1;
            for (int i = 0; i < rows.length; i++) {
                z[i][j] = (rows[i][j] - mean[j]) / scale[j];
            }
        }
        RealMatrix c = new Covariance(z, false).getCovarianceMatrix().scalarMultiply(1 - shrinkage);
        for (int j = 0; j < n; j++) {
            c.addToEntry(j, j, shrinkage);
        }
        RealMatrix precision = new LUDecomposition(c).getSolver().getInverse();
        return new NoveltyCheck(mean, scale, precision.getData(), threshold);
    }

    /**
     * Each track's mean of its segments' distances, in track order; tracks without segments are left out.
     *
     * @param segmentTrack the track of each segment, in {@code [0, tracks)}
     */
    public static double[] trackMeans(double[] segmentDistances, int[] segmentTrack, int tracks) {
        double[] sum = new double[tracks];
        int[] count = new int[tracks];
        for (int s = 0; s < segmentDistances.length; s++) {
            sum[segmentTrack[s]] += segmentDistances[s];
            count[segmentTrack[s]]++;
        }
        return IntStream.range(0, tracks).filter(t -> count[t] > 0).mapToDouble(t -> sum[t] / count[t]).toArray();
    }

    /**
     * The {@code q}-quantile (0 &lt; q &le; 1) of {@code values}, e.g. of held-out tracks' mean distances, linear
     * between order statistics (Hyndman and Fan's type 7, numpy's default).
     */
    public static double quantile(double[] values, double q) {
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(values, q * 100);
    }
}
