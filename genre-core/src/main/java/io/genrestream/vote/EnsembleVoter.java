package io.genrestream.vote;

import java.util.Objects;

/**
 * Turns a segment's model outputs into its vote: each model's softmax calibrated with its temperature
 * ({@link Calibration}), then the arg-max of the weighted mean of the two probability vectors. Pure and stateless;
 * the streaming app and the trainer's evaluation both use it.
 *
 * <p>Either model may be missing (a bundle with only one of them): then the other one decides alone, and for a
 * bundle without GRU the summary probabilities are what the tie-break sums.
 */
public final class EnsembleVoter {

    private final VoteWeights weights;
    private final Calibration calibration;

    /** A voter with the given weights and the models' probabilities as they are. */
    public EnsembleVoter(VoteWeights weights) {
        this(weights, Calibration.NONE);
    }

    /** A voter with the given weights that calibrates each model's probabilities first. */
    public EnsembleVoter(VoteWeights weights, Calibration calibration) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
    }

    /** The calibration applied to each model's probabilities. */
    public Calibration calibration() {
        return calibration;
    }

    /** The weights this voter mixes the models with. */
    public VoteWeights weights() {
        return weights;
    }

    /**
     * The ensemble probabilities of one segment.
     *
     * @param gru     GRU probabilities per genre, or {@code null} when the bundle has no GRU model
     * @param summary summary-model probabilities per genre, or {@code null} when the bundle has none
     * @return weighted mean per genre of the calibrated probabilities
     */
    public double[] ensemble(float[] gru, float[] summary) {
        return mix(Calibration.temper(gru, calibration.gruTemperature()),
                Calibration.temper(summary, calibration.summaryTemperature()));
    }

    private double[] mix(float[] gru, float[] summary) {
        if (gru == null && summary == null) {
            throw new IllegalArgumentException("a segment needs the output of at least one model");
        }
        if (gru != null && summary != null && gru.length != summary.length) {
            throw new IllegalArgumentException("GRU gives " + gru.length + " genres but the summary model "
                    + summary.length);
        }
        double wGru = gru == null ? 0 : weights.gru();
        double wSummary = summary == null ? 0 : weights.summary();
        if (wGru + wSummary == 0) {
            // the only model present has weight 0: it still has to decide alone
            wGru = gru == null ? 0 : 1;
            wSummary = summary == null ? 0 : 1;
        }
        int n = gru != null ? gru.length : summary.length;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            double g = gru == null ? 0 : gru[i];
            double s = summary == null ? 0 : summary[i];
            p[i] = (wGru * g + wSummary * s) / (wGru + wSummary);
        }
        return p;
    }

    /**
     * The segment's vote: arg-max of {@link #ensemble} (lowest index on an exact tie), with its calibrated GRU softmax
     * and ensemble probabilities.
     */
    public SegmentVote vote(float[] gru, float[] summary) {
        float[] calibratedGru = Calibration.temper(gru, calibration.gruTemperature());
        float[] calibratedSummary = Calibration.temper(summary, calibration.summaryTemperature());
        double[] p = mix(calibratedGru, calibratedSummary);
        int best = 0;
        float[] probabilities = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            probabilities[i] = (float) p[i];
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return new SegmentVote(best, calibratedGru != null ? calibratedGru : calibratedSummary, probabilities);
    }
}
