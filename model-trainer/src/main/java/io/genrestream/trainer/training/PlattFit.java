package io.genrestream.trainer.training;

import io.genrestream.vote.ConfidenceMap;

/**
 * Platt scaling (Platt 1999) of a verdict's confidence: correctness is fitted by a logistic regression on the logit
 * of the confidence, {@code P(right | c) = sigmoid(slope * logit(c) + intercept)}, with Platt's smoothed targets
 * ({@code (N+ + 1) / (N+ + 2)} for right verdicts, {@code 1 / (N- + 2)} for wrong ones) so that separable or one-sided
 * data still give a finite fit. Two parameters: on the few hundred held-out tracks of a bundle's folds an isotonic
 * step function followed each fold's luck (re-fitting the default bundle's out-of-fold verdicts over 30 random
 * artist splits: cross-fitted ECE 0.052 +- 0.014 isotonic, 0.041 +- 0.006 Platt; compare-calibration.py). A negative
 * slope (confidence that predicts errors) is refused in favour of the flat map at the mean accuracy, so the map stays
 * monotone.
 *
 * <p>Written here because neither commons-math3 nor Tribuo has a two-parameter logistic fit (Tribuo's logistic
 * regression is trained by SGD over feature vectors); Newton's method on the 2x2 problem is a few lines.
 */
public final class PlattFit {

    /** The map is sampled at this many evenly spaced confidences in [0, 1] (linear between them). */
    static final int KNOTS = 101;
    private static final double EDGE = 1e-6;

    private final double slope;
    private final double intercept;

    private PlattFit(double slope, double intercept) {
        this.slope = slope;
        this.intercept = intercept;
    }

    /**
     * @param confidence each held-out track's confidence, in [0, 1]
     * @param correct    whether its verdict was right
     */
    public static PlattFit fit(double[] confidence, boolean[] correct) {
        if (confidence.length != correct.length || confidence.length == 0) {
            throw new IllegalArgumentException("need one correctness per confidence, at least one");
        }
        int n = confidence.length;
        int right = 0;
        for (boolean c : correct) {
            right += c ? 1 : 0;
        }
        double hi = (right + 1.0) / (right + 2.0);
        double lo = 1.0 / (n - right + 2.0);
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = logit(confidence[i]);
            t[i] = correct[i] ? hi : lo;
        }
        double[] w = newton(x, t);
        if (w[0] < 0) {
            double mean = 0;
            for (double v : t) {
                mean += v / n;
            }
            return new PlattFit(0, logit(mean));
        }
        return new PlattFit(w[0], w[1]);
    }

    /** Newton's method with step halving on the cross-entropy of {@code sigmoid(a x + b)} against {@code t}. */
    private static double[] newton(double[] x, double[] t) {
        double a = 1;
        double b = 0;
        double loss = crossEntropy(x, t, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(a * x[i] + b);
                double r = p - t[i];
                double v = p * (1 - p);
                ga += r * x[i];
                gb += r;
                haa += v * x[i] * x[i];
                hab += v * x[i];
                hbb += v;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            double step = 1;
            double next = crossEntropy(x, t, a - da, b - db);
            while (next > loss && step > 1e-8) {
                step /= 2;
                next = crossEntropy(x, t, a - step * da, b - step * db);
            }
            if (next > loss) {
                break;
            }
            a -= step * da;
            b -= step * db;
            boolean converged = loss - next < 1e-12;
            loss = next;
            if (converged) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static double crossEntropy(double[] x, double[] t, double a, double b) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = a * x[i] + b;
            // -t log sigmoid(z) - (1 - t) log(1 - sigmoid(z)), written to stay finite for large |z|
            sum += Math.max(z, 0) - t[i] * z + Math.log1p(Math.exp(-Math.abs(z)));
        }
        return sum / x.length;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double logit(double c) {
        double p = Math.min(1 - EDGE, Math.max(EDGE, c));
        return Math.log(p / (1 - p));
    }

    /** The fitted probability that a verdict of confidence {@code c} is right. */
    public double apply(double c) {
        return sigmoid(slope * logit(c) + intercept);
    }

    /** The slope on the confidence's logit (1 with intercept 0: the identity). */
    public double slope() {
        return slope;
    }

    /** The intercept. */
    public double intercept() {
        return intercept;
    }

    /** The fit as the bundle's {@link ConfidenceMap}, sampled at {@value #KNOTS} evenly spaced confidences. */
    public ConfidenceMap toMap() {
        double[] c = new double[KNOTS];
        double[] a = new double[KNOTS];
        for (int k = 0; k < KNOTS; k++) {
            c[k] = (double) k / (KNOTS - 1);
            a[k] = apply(c[k]);
        }
        return new ConfidenceMap(c, a);
    }
}
