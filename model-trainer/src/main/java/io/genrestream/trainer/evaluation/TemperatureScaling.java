package io.genrestream.trainer.evaluation;

import io.genrestream.vote.Calibration;

/**
 * Temperature scaling (Guo et al. 2017) fitted on out-of-fold predictions: the single temperature {@code T} that
 * minimises the mean negative log-likelihood of the admissible classes, {@code -log sum_{k in S} p_k^(1/T) / Z}.
 * One parameter, so it cannot change which genre wins, only how sure the model says it is. Commons Math's optimisers
 * are made for many variables; a golden-section search over {@code log T} is the plain tool for one.
 */
public final class TemperatureScaling {

    private static final double LOG_MIN = Math.log(0.05);
    private static final double LOG_MAX = Math.log(20);

    private TemperatureScaling() {
    }

    /**
     * The temperature in [0.05, 20] with the least mean NLL.
     *
     * @param probabilities each example's softmax
     * @param admissible    each example's 0/1 row of right classes (one-hot, or a set for a partial label)
     */
    public static double fit(float[][] probabilities, float[][] admissible) {
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = LOG_MIN;
        double b = LOG_MAX;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        double fc = nll(probabilities, admissible, Math.exp(c));
        double fd = nll(probabilities, admissible, Math.exp(d));
        while (b - a > 1e-4) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - phi * (b - a);
                fc = nll(probabilities, admissible, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + phi * (b - a);
                fd = nll(probabilities, admissible, Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }

    /** Mean negative log-likelihood of the admissible classes at temperature {@code t}. */
    public static double nll(float[][] probabilities, float[][] admissible, double t) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            float[] p = Calibration.temper(probabilities[i], t);
            double right = 0;
            for (int k = 0; k < p.length; k++) {
                right += admissible[i][k] * p[k];
            }
            sum -= Math.log(Math.max(right, 1e-12));
        }
        return sum / probabilities.length;
    }
}
