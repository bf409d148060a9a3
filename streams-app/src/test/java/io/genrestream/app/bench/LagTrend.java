package io.genrestream.app.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumer lag sampled over a paced run, and whether it held: the least-squares slope of lag over time (after a
 * warm-up) is below a small fraction of the offered record rate, and the last lag is below a few seconds of input.
 */
final class LagTrend {

    /** Lag may grow by at most this fraction of the offered records per second. */
    static final double MAX_GROWTH_FRACTION = 0.02;
    /** The last lag may be at most this many seconds of offered records. */
    static final double MAX_BACKLOG_SECONDS = 5.0;

    private final List<double[]> samples = new ArrayList<>();

    void add(double seconds, long lag) {
        samples.add(new double[]{seconds, lag});
    }

    /** Slope in records per second over the samples at or after {@code fromSeconds}. */
    double slope(double fromSeconds) {
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] s : samples) {
            if (s[0] >= fromSeconds) {
                n++;
                sx += s[0];
                sy += s[1];
                sxx += s[0] * s[0];
                sxy += s[0] * s[1];
            }
        }
        double d = n * sxx - sx * sx;
        return n < 3 || d == 0 ? Double.NaN : (n * sxy - sx * sy) / d;
    }

    long last() {
        return samples.isEmpty() ? 0 : (long) samples.get(samples.size() - 1)[1];
    }

    long max() {
        return (long) samples.stream().mapToDouble(s -> s[1]).max().orElse(0);
    }

    /** Whether lag did not grow, for an offered rate of {@code recordsPerSecond}. */
    boolean held(double fromSeconds, double recordsPerSecond) {
        double slope = slope(fromSeconds);
        return !Double.isNaN(slope) && slope <= MAX_GROWTH_FRACTION * recordsPerSecond
                && last() <= MAX_BACKLOG_SECONDS * recordsPerSecond;
    }
}
