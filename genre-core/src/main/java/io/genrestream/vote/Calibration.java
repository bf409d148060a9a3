package io.genrestream.vote;

/**
 * How a bundle's raw model outputs become honest confidences, fitted by the trainer on out-of-fold predictions and
 * stored in the bundle: one softmax temperature per model (temperature scaling, Guo et al. 2017: {@code p_i^(1/T)}
 * renormalised equals {@code softmax(logits / T)}), one for a track's mean ensemble probabilities (a mean over
 * segments is less sure than the segments' agreement warrants, so its confidence needs a calibration of its own), and
 * the track confidence below which the verdict is {@code unknown}, chosen on validation folds.
 *
 * @param gruTemperature     temperature of the GRU's softmax, &gt; 0 (1 = as trained)
 * @param summaryTemperature temperature of the summary model's softmax, &gt; 0
 * @param trackTemperature   temperature of a track's (or live window's) mean ensemble probabilities, &gt; 0
 * @param unknownThreshold   verdict confidence (the winner's share of the track-tempered mean ensemble probabilities,
 *                           through {@code trackMap}) below which the verdict is unknown, in [0, 1]
 * @param trackMap           monotone map of that share to the accuracy it had on validation folds
 *                           ({@link ConfidenceMap#IDENTITY}: none, as in bundles written before it existed)
 */
public record Calibration(double gruTemperature, double summaryTemperature, double trackTemperature,
                          double unknownThreshold, ConfidenceMap trackMap) {

    /** Bundles written before calibration existed: probabilities as the models give them, threshold 0.3. */
    public static final Calibration NONE = new Calibration(1, 1, 1, VerdictRule.DEFAULT_UNKNOWN_THRESHOLD);

    public Calibration {
        trackMap = trackMap == null ? ConfidenceMap.IDENTITY : trackMap;
        for (double t : new double[] {gruTemperature, summaryTemperature, trackTemperature}) {
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("temperatures must be finite and > 0: gru=" + gruTemperature
                        + ", summary=" + summaryTemperature + ", track=" + trackTemperature);
            }
        }
        if (!(unknownThreshold >= 0 && unknownThreshold <= 1)) {
            throw new IllegalArgumentException("unknown threshold must be in [0, 1], got " + unknownThreshold);
        }
    }

    /** A calibration without a confidence map. */
    public Calibration(double gruTemperature, double summaryTemperature, double trackTemperature,
                       double unknownThreshold) {
        this(gruTemperature, summaryTemperature, trackTemperature, unknownThreshold, ConfidenceMap.IDENTITY);
    }

    /** The same segment temperatures with another track temperature, confidence map and threshold. */
    public Calibration withTrack(double temperature, ConfidenceMap map, double threshold) {
        return new Calibration(gruTemperature, summaryTemperature, temperature, threshold, map);
    }

    /**
     * {@code p} sharpened ({@code T < 1}) or softened ({@code T > 1}): {@code p_i^(1/T) / sum_j p_j^(1/T)}, computed
     * in the log domain so tiny probabilities do not underflow; {@code null} stays {@code null}.
     */
    public static float[] temper(float[] p, double temperature) {
        if (p == null || temperature == 1) {
            return p;
        }
        double[] logs = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
            logs[i] = Math.log(Math.max(p[i], 1e-30)) / temperature;
            max = Math.max(max, logs[i]);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            logs[i] = Math.exp(logs[i] - max);
            sum += logs[i];
        }
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) (logs[i] / sum);
        }
        return out;
    }
}
