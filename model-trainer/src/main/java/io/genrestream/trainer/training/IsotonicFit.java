package io.genrestream.trainer.training;

import io.genrestream.vote.ConfidenceMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Isotonic regression of correctness (0 or 1) on confidence by pool adjacent violators: the non-decreasing step
 * function closest in squared error, as a {@link ConfidenceMap} through its blocks' mean confidence and accuracy.
 * Written here because neither commons-math3 nor Tribuo, the trainer's libraries, has isotonic regression; the
 * algorithm is the textbook one (Barlow et al. 1972), a few lines.
 */
public final class IsotonicFit {

    private IsotonicFit() {
    }

    /**
     * @param confidence each held-out track's confidence, in [0, 1]
     * @param correct    whether its verdict was right
     */
    public static ConfidenceMap fit(double[] confidence, boolean[] correct) {
        if (confidence.length != correct.length || confidence.length == 0) {
            throw new IllegalArgumentException("need one correctness per confidence, at least one");
        }
        Integer[] order = IntStream.range(0, confidence.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> confidence[i]));
        // blocks: sum of confidences, sum of correctness, count
        List<double[]> blocks = new ArrayList<>();
        for (int i : order) {
            blocks.add(new double[] {confidence[i], correct[i] ? 1 : 0, 1});
            while (blocks.size() > 1) {
                double[] last = blocks.get(blocks.size() - 1);
                double[] prev = blocks.get(blocks.size() - 2);
                // pool while the earlier block is more accurate, or at the same confidence (knots must increase)
                if (prev[1] / prev[2] < last[1] / last[2] && prev[0] / prev[2] < last[0] / last[2]) {
                    break;
                }
                prev[0] += last[0];
                prev[1] += last[1];
                prev[2] += last[2];
                blocks.remove(blocks.size() - 1);
            }
        }
        double[] knotConfidence = blocks.stream().mapToDouble(b -> b[0] / b[2]).toArray();
        double[] knotAccuracy = blocks.stream().mapToDouble(b -> b[1] / b[2]).toArray();
        return new ConfidenceMap(knotConfidence, knotAccuracy);
    }
}
