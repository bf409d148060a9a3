package io.genrestream.features;

/**
 * Count, sum and sum of squares of a stream of values: the sufficient statistics of its mean and population
 * variance. Moments of consecutive runs add up exactly (up to double rounding), so the mean and variance over the
 * last N segments follow from per-segment moments.
 *
 * @param count        number of values
 * @param sum          sum of the values
 * @param sumOfSquares sum of the squared values
 */
public record Moments(long count, double sum, double sumOfSquares) {

    /** No values. */
    public static final Moments EMPTY = new Moments(0, 0.0, 0.0);

    public Moments {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    /** Moments of {@code values}, summed in double. */
    public static Moments of(float[] values) {
        double s = 0;
        double q = 0;
        for (float v : values) {
            s += v;
            q += (double) v * v;
        }
        return new Moments(values.length, s, q);
    }

    /** Moments of all values of a matrix. */
    public static Moments of(float[][] values) {
        Moments m = EMPTY;
        for (float[] row : values) {
            m = m.plus(of(row));
        }
        return m;
    }

    /** Moments of the union of both runs. */
    public Moments plus(Moments other) {
        return new Moments(count + other.count, sum + other.sum, sumOfSquares + other.sumOfSquares);
    }

    /** Arithmetic mean; NaN when empty. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Population variance ({@code numpy.var}, ddof=0), never negative; NaN when empty. */
    public double variance() {
        if (count == 0) {
            return Double.NaN;
        }
        double mean = sum / count;
        return Math.max(0.0, sumOfSquares / count - mean * mean);
    }
}
