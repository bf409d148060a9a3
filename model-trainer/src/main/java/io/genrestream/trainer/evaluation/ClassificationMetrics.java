package io.genrestream.trainer.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accuracy, macro-F1 and per-genre precision/recall/F1 from a confusion matrix. Computed here rather than with
 * Tribuo's {@code LabelEvaluator} because the DJL MLP and the ensembles are not Tribuo models; the formulas are the
 * textbook ones (a genre never predicted has precision 0, as scikit-learn's zero_division=0).
 *
 * @param labels    genre labels, index = class
 * @param confusion {@code confusion[true][predicted]} counts
 */
public record ClassificationMetrics(List<String> labels, int[][] confusion) {

    /** Counts predictions into a confusion matrix. */
    public static ClassificationMetrics of(List<String> labels, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length
                    + " predictions");
        }
        int[][] confusion = new int[labels.size()][labels.size()];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
        return new ClassificationMetrics(List.copyOf(labels), confusion);
    }

    /** Sum of two confusion matrices over the same labels (pooling folds). */
    public ClassificationMetrics plus(ClassificationMetrics other) {
        int n = labels.size();
        int[][] sum = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum[i][j] = confusion[i][j] + other.confusion[i][j];
            }
        }
        return new ClassificationMetrics(labels, sum);
    }

    /** Number of predictions. */
    public int total() {
        int t = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                t += v;
            }
        }
        return t;
    }

    /** Share of correct predictions. */
    public double accuracy() {
        int correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return total() == 0 ? 0 : (double) correct / total();
    }

    /** Precision of one class. */
    public double precision(int c) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /** Recall of one class. */
    public double recall(int c) {
        int actual = 0;
        for (int v : confusion[c]) {
            actual += v;
        }
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /** F1 of one class. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Unweighted mean of the per-class F1. */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < labels.size(); c++) {
            sum += f1(c);
        }
        return sum / labels.size();
    }

    /** Per-genre figures for reports: label → {precision, recall, f1, support}. */
    public Map<String, Map<String, Number>> perGenre() {
        Map<String, Map<String, Number>> out = new LinkedHashMap<>();
        for (int c = 0; c < labels.size(); c++) {
            int support = 0;
            for (int v : confusion[c]) {
                support += v;
            }
            Map<String, Number> m = new LinkedHashMap<>();
            m.put("precision", precision(c));
            m.put("recall", recall(c));
            m.put("f1", f1(c));
            m.put("support", support);
            out.put(labels.get(c), m);
        }
        return out;
    }

    /** The confusion matrix as lists (for JSON). */
    public List<List<Integer>> confusionRows() {
        List<List<Integer>> rows = new ArrayList<>();
        for (int[] row : confusion) {
            rows.add(java.util.Arrays.stream(row).boxed().toList());
        }
        return rows;
    }
}
