package io.genrestream.trainer.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.genrestream.trainer.training.TrainingHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Writes an evaluation report into a directory: {@code report.json}, {@code report.md} and PNG plots (XChart): a
 * confusion-matrix heat map per model and loss/accuracy curves of trained networks.
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int WIDTH = 900;
    private static final int HEIGHT = 700;

    private ReportWriter() {
    }

    /**
     * Writes the report.
     *
     * @param dir       output directory (created)
     * @param title     report title
     * @param context   what was run (command, data, protocol), shown first
     * @param results   per-model cross-validation results
     * @param histories training curves per model (may be empty)
     * @return the Markdown text written
     */
    public static String write(Path dir, String title, Map<String, Object> context,
                               Map<String, CrossValidation.Result> results,
                               Map<String, List<TrainingHistory>> histories) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("context", context);
        Map<String, Object> models = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        context.forEach((k, v) -> md.append("- ").append(k).append(": `").append(v).append("`\n"));
        md.append("\n| model | accuracy (mean ± std over folds) | macro-F1 | seconds |\n|---|---|---|---|\n");
        for (CrossValidation.Result r : results.values()) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f ± %.3f | %.3f | %.1f |%n", r.model(), r.meanAccuracy(),
                    r.stdAccuracy(), r.meanMacroF1(), r.seconds()));
        }
        for (CrossValidation.Result r : results.values()) {
            ClassificationMetrics m = r.pooled();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("accuracyMean", r.meanAccuracy());
            entry.put("accuracyStd", r.stdAccuracy());
            entry.put("macroF1Mean", r.meanMacroF1());
            entry.put("foldAccuracies", r.foldAccuracies());
            entry.put("foldMacroF1", r.foldMacroF1());
            entry.put("pooledAccuracy", m.accuracy());
            entry.put("pooledMacroF1", m.macroF1());
            entry.put("perGenre", m.perGenre());
            entry.put("labels", m.labels());
            entry.put("confusion", m.confusionRows());
            entry.put("seconds", r.seconds());
            models.put(r.model(), entry);

            String confusionPng = "confusion-" + r.model() + ".png";
            confusionChart(r.model(), m, dir.resolve(confusionPng));
            md.append("\n## ").append(r.model()).append("\n\n");
            md.append(String.format(Locale.ROOT, "Pooled over folds: accuracy %.3f, macro-F1 %.3f.%n%n",
                    m.accuracy(), m.macroF1()));
            md.append("| genre | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
            for (int c = 0; c < m.labels().size(); c++) {
                int support = IntStream.of(m.confusion()[c]).sum();
                md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |%n", m.labels().get(c),
                        m.precision(c), m.recall(c), m.f1(c), support));
            }
            md.append("\nConfusion (rows true, columns predicted): ").append(confusionPng).append("\n\n");
            md.append("| true \\ predicted | ").append(String.join(" | ", m.labels())).append(" |\n|---|");
            md.append("---|".repeat(m.labels().size())).append('\n');
            for (int c = 0; c < m.labels().size(); c++) {
                md.append("| ").append(m.labels().get(c)).append(" | ");
                for (int p = 0; p < m.labels().size(); p++) {
                    md.append(m.confusion()[c][p]).append(" | ");
                }
                md.append('\n');
            }
            List<TrainingHistory> h = histories.getOrDefault(r.model(), List.of());
            if (!h.isEmpty()) {
                String curvesPng = "curves-" + r.model() + ".png";
                curvesChart(r.model(), h.get(0), dir.resolve(curvesPng));
                md.append("\nLoss/accuracy curves of fold 1: ").append(curvesPng).append("\n");
                entry.put("bestEpochs", h.stream().map(TrainingHistory::bestEpoch).toList());
            }
        }
        json.put("models", models);
        JSON.writeValue(dir.resolve("report.json").toFile(), json);
        Files.writeString(dir.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
        return md.toString();
    }

    private static void confusionChart(String model, ClassificationMetrics m, Path file) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Confusion matrix: " + model).xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true);
        int n = m.labels().size();
        List<Number[]> cells = new java.util.ArrayList<>();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                cells.add(new Number[] {p, t, m.confusion()[t][p]});
            }
        }
        chart.addSeries("counts", m.labels(), m.labels(), cells);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void curvesChart(String model, TrainingHistory h, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2 + 150)
                .title("Training curves: " + model + " (best epoch " + h.bestEpoch() + ")")
                .xAxisTitle("epoch").yAxisTitle("loss / accuracy").build();
        List<Integer> epochs = IntStream.rangeClosed(1, h.trainLoss().size()).boxed().toList();
        chart.addSeries("train loss", epochs, h.trainLoss());
        chart.addSeries("train accuracy", epochs, h.trainAccuracy());
        if (h.validationLoss().stream().noneMatch(v -> v.isNaN())) {
            chart.addSeries("validation loss", epochs, h.validationLoss());
            chart.addSeries("validation accuracy", epochs, h.validationAccuracy());
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
