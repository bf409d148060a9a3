package io.genrestream.trainer.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Cross-validation figures of sequence-model runs (mean ± std over folds) and their report: {@code report.json}
 * (every fold), {@code report.md} (the summary table) and, for the segment-length ablation, a PNG of accuracy
 * against segment length (XChart).
 */
public final class SequenceReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SequenceReport() {
    }

    /** Mean and sample standard deviation of a figure over folds. */
    public record Stat(double mean, double std) {

        static Stat of(List<SequenceExperiment.FoldResult> folds, ToDoubleFunction<SequenceExperiment.FoldResult> f) {
            double[] v = folds.stream().mapToDouble(f).toArray();
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            double ss = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
            return new Stat(mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.3f ± %.3f", mean, std);
        }
    }

    /** One row of a report: a named run and its folds. */
    public record Row(String name, List<SequenceExperiment.FoldResult> folds) {

        public Stat stat(ToDoubleFunction<SequenceExperiment.FoldResult> f) {
            return Stat.of(folds, f);
        }

        boolean hasTta() {
            return folds.stream().allMatch(r -> r.tta() != null);
        }

        Map<String, Object> summary() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("segmentAccuracy", stat(r -> r.plain().segmentAccuracy()));
            s.put("segmentMacroF1", stat(r -> r.plain().segmentMacroF1()));
            s.put("trackAccuracy", stat(r -> r.plain().trackAccuracy()));
            s.put("trackMacroF1", stat(r -> r.plain().trackMacroF1()));
            if (hasTta()) {
                s.put("ttaSegmentAccuracy", stat(r -> r.tta().segmentAccuracy()));
                s.put("ttaTrackAccuracy", stat(r -> r.tta().trackAccuracy()));
                s.put("ttaTrackMacroF1", stat(r -> r.tta().trackMacroF1()));
            }
            s.put("secondsPerEpoch", stat(SequenceExperiment.FoldResult::secondsPerEpoch));
            s.put("epochs", stat(SequenceExperiment.FoldResult::epochs));
            s.put("parameters", folds.get(0).parameters());
            s.put("segmentsPerSecond", stat(SequenceExperiment.FoldResult::segmentsPerSecond));
            s.put("pooledTrackConfusion", pooledConfusion(folds));
            return s;
        }
    }

    /** Track-level confusion matrices ([true][predicted]) summed over folds. */
    static int[][] pooledConfusion(List<SequenceExperiment.FoldResult> folds) {
        List<List<Integer>> first = folds.get(0).plain().trackConfusion();
        int[][] sum = new int[first.size()][first.size()];
        for (SequenceExperiment.FoldResult f : folds) {
            List<List<Integer>> m = f.plain().trackConfusion();
            for (int i = 0; i < sum.length; i++) {
                for (int j = 0; j < sum.length; j++) {
                    sum[i][j] += m.get(i).get(j);
                }
            }
        }
        return sum;
    }

    /** The Markdown summary table of {@code rows}. */
    public static String table(List<Row> rows) {
        boolean tta = rows.stream().anyMatch(Row::hasTta);
        StringBuilder md = new StringBuilder("| run | segment acc | segment macro-F1 | track acc | track macro-F1 |");
        if (tta) {
            md.append(" TTA segment acc | TTA track acc | TTA track macro-F1 |");
        }
        md.append(" s/epoch | epochs | parameters | scoring segments/s |\n|---|---|---|---|---|");
        md.append(tta ? "---|---|---|" : "").append("---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.name()).append(" | ").append(r.stat(f -> f.plain().segmentAccuracy()))
                    .append(" | ").append(r.stat(f -> f.plain().segmentMacroF1()))
                    .append(" | ").append(r.stat(f -> f.plain().trackAccuracy()))
                    .append(" | ").append(r.stat(f -> f.plain().trackMacroF1())).append(" |");
            if (tta) {
                md.append(r.hasTta() ? " " + r.stat(f -> f.tta().segmentAccuracy()) + " | "
                        + r.stat(f -> f.tta().trackAccuracy()) + " | " + r.stat(f -> f.tta().trackMacroF1()) + " |"
                        : " – | – | – |");
            }
            Stat epoch = r.stat(SequenceExperiment.FoldResult::secondsPerEpoch);
            Stat epochs = r.stat(SequenceExperiment.FoldResult::epochs);
            Stat speed = r.stat(SequenceExperiment.FoldResult::segmentsPerSecond);
            md.append(String.format(Locale.ROOT, " %.1f | %.1f | %,d | %.0f |%n", epoch.mean(), epochs.mean(),
                    r.folds().get(0).parameters(), speed.mean()));
        }
        return md.toString();
    }

    /**
     * Writes {@code report.json} and {@code report.md} into {@code dir}.
     *
     * @return the Markdown written
     */
    public static String write(Path dir, String title, Map<String, Object> context, List<Row> rows)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        context.forEach((k, v) -> md.append("- ").append(k).append(": `").append(v).append("`\n"));
        md.append('\n').append(table(rows));
        md.append("\nTrack-level confusion summed over folds (rows: true label, columns: verdict; label order as in "
                + "`labels`):\n\n");
        for (Row r : rows) {
            md.append("- ").append(r.name()).append(": `").append(java.util.Arrays.deepToString(pooledConfusion(
                    r.folds()))).append("`\n");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("context", context);
        Map<String, Object> runs = new LinkedHashMap<>();
        for (Row r : rows) {
            runs.put(r.name(), Map.of("summary", r.summary(), "folds", r.folds()));
        }
        json.put("runs", runs);
        JSON.writeValue(dir.resolve("report.json").toFile(), json);
        Files.writeString(dir.resolve("report.md"), md, StandardCharsets.UTF_8);
        return md.toString();
    }

    /** A PNG line chart of track and segment accuracy (mean over folds) against {@code x}. */
    public static void writeChart(Path file, String title, String xTitle, double[] x, List<Row> rows)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle)
                .yAxisTitle("accuracy (mean over folds)").build();
        chart.addSeries("track (vote)", x, rows.stream().mapToDouble(r -> r.stat(f -> f.plain().trackAccuracy())
                .mean()).toArray());
        chart.addSeries("segment", x, rows.stream().mapToDouble(r -> r.stat(f -> f.plain().segmentAccuracy())
                .mean()).toArray());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
