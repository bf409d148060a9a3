package io.genrestream.trainer.data;

import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Transfer from other labelled music by stacking: a bundle's summary model (the teacher, e.g. trained on the GTZAN
 * genres) scores every row of a table, and its log-probabilities become extra columns {@code teacher_<label>}. The
 * teacher never saw the table's labels, so any fold of the table can use them without leaking its test rows.
 */
public final class TeacherFeatures {

    /** Prefix of the appended columns. */
    static final String PREFIX = "teacher_";
    /** Probabilities are floored here before the log, so a confident teacher gives finite features. */
    private static final double FLOOR = 1e-6;

    private TeacherFeatures() {
    }

    /**
     * {@code table} with the teacher's log-probabilities appended to every row.
     *
     * @throws IllegalArgumentException when the bundle has no summary model, or its columns are not the table's
     */
    public static FeatureTable append(FeatureTable table, Path bundleDirectory) throws IOException {
        try (ModelBundle bundle = ModelBundle.load(bundleDirectory, FeatureConfig.librosaDefaults())) {
            if (!bundle.has(ModelRole.SUMMARY)) {
                throw new IllegalArgumentException(bundleDirectory + ": the teacher bundle has no summary model");
            }
            List<String> columns = bundle.manifest().summaryColumns();
            if (!columns.equals(table.featureNames())) {
                throw new IllegalArgumentException(bundleDirectory + ": the teacher's summary model takes "
                        + columns.size() + " columns " + columns + ", the table has " + table.featureNames().size()
                        + " " + table.featureNames());
            }
            float[][] p;
            try (BatchScorer teacher = bundle.newScorer(ModelRole.SUMMARY)) {
                p = teacher.scoreRows(table.features());
            }
            List<String> names = new ArrayList<>(table.featureNames());
            bundle.labels().forEach(label -> names.add(PREFIX + label));
            float[][] rows = new float[table.size()][];
            List<String> rowLabels = new ArrayList<>();
            for (int r = 0; r < rows.length; r++) {
                float[] features = table.features()[r];
                rows[r] = java.util.Arrays.copyOf(features, features.length + p[r].length);
                for (int c = 0; c < p[r].length; c++) {
                    rows[r][features.length + c] = (float) Math.log(Math.max(FLOOR, p[r][c]));
                }
                rowLabels.add(table.labels().get(table.classes()[r]));
            }
            return FeatureTable.of(table.rowIds(), names, rows, rowLabels);
        }
    }
}
