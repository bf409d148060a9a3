package io.genrestream.trainer.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How honest a verdict's confidence is, over held-out tracks: expected calibration error and the reliability diagram
 * (equal-width confidence bins), and the trade of coverage (share of tracks answered) against selective accuracy
 * (accuracy on those) as the {@code unknown} threshold rises.
 *
 * @param binLower      lower edge of each bin
 * @param binConfidence mean confidence in each bin (NaN when empty)
 * @param binAccuracy   accuracy in each bin (NaN when empty)
 * @param binCount      tracks in each bin
 * @param ece           expected calibration error: sum over bins of {@code count/n * |accuracy - confidence|}
 * @param curve         one point per distinct confidence: threshold, coverage, selective accuracy
 */
public record SelectivePrediction(double[] binLower, double[] binConfidence, double[] binAccuracy, int[] binCount,
                                  double ece, List<Point> curve) {

    /**
     * One threshold: the tracks with confidence at least {@code threshold} are answered.
     *
     * @param threshold         confidence threshold
     * @param coverage          share of tracks answered
     * @param selectiveAccuracy accuracy among them
     */
    public record Point(double threshold, double coverage, double selectiveAccuracy) {
    }

    /** Figures of {@code confidence[i]} and {@code correct[i]} over {@code bins} equal-width bins. */
    public static SelectivePrediction of(double[] confidence, boolean[] correct, int bins) {
        int n = confidence.length;
        double[] lower = new double[bins];
        double[] conf = new double[bins];
        double[] acc = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < n; i++) {
            int b = Math.min(bins - 1, (int) Math.floor(confidence[i] * bins));
            conf[b] += confidence[i];
            acc[b] += correct[i] ? 1 : 0;
            count[b]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            lower[b] = (double) b / bins;
            if (count[b] == 0) {
                conf[b] = Double.NaN;
                acc[b] = Double.NaN;
                continue;
            }
            conf[b] /= count[b];
            acc[b] /= count[b];
            ece += (double) count[b] / n * Math.abs(acc[b] - conf[b]);
        }
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> -confidence[i]))
                .toArray(Integer[]::new);
        List<Point> curve = new ArrayList<>();
        int right = 0;
        for (int k = 0; k < n; k++) {
            right += correct[order[k]] ? 1 : 0;
            boolean lastOfValue = k == n - 1 || confidence[order[k + 1]] < confidence[order[k]];
            if (lastOfValue) {
                curve.add(new Point(confidence[order[k]], (k + 1.0) / n, (double) right / (k + 1)));
            }
        }
        return new SelectivePrediction(lower, conf, acc, count, ece, List.copyOf(curve));
    }

    /**
     * Among the thresholds that still answer at least {@code minCoverage} of the tracks (an answer that is mostly
     * {@code unknown} serves no one): the lowest whose selective accuracy reaches {@code targetAccuracy}, the most
     * tracks answered at that accuracy; when none reaches it, the most accurate one.
     */
    public double threshold(double targetAccuracy, double minCoverage) {
        List<Point> answering = curve.stream().filter(p -> p.coverage() >= minCoverage).toList();
        // the curve runs from the highest threshold to the lowest: the last point that meets the target
        Point chosen = null;
        for (Point p : answering) {
            if (p.selectiveAccuracy() >= targetAccuracy) {
                chosen = p;
            }
        }
        if (chosen == null) {
            chosen = answering.stream().max(Comparator.comparingDouble(Point::selectiveAccuracy))
                    .orElse(curve.get(curve.size() - 1));
        }
        return chosen.threshold();
    }

    /** Coverage and selective accuracy at a threshold. */
    public Point at(double threshold) {
        return curve.stream().filter(p -> p.threshold() >= threshold).reduce((a, b) -> b)
                .orElse(new Point(threshold, 0, Double.NaN));
    }

    @Override
    public String toString() {
        return "SelectivePrediction[ece=" + ece + ", bins=" + Arrays.toString(binCount) + "]";
    }
}
