package io.genrestream.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.trainer.GenreTrainer;
import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.trainer.data.TeacherFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI smoke test: cv and bundle end to end on a small generated table, one epoch. */
class TrainerSmokeTest {

    private static final List<String> LABELS = List.of("classical", "electronic", "pop", "rock");

    @TempDir
    Path dir;

    @Test
    void cvAndBundleRunEndToEnd() throws Exception {
        Path table = GeneratedTables.write(dir.resolve("table.csv"), LABELS, 6, 1);
        Path report = dir.resolve("report");
        int cv = GenreTrainer.execute("cv", "--table", table.toString(), "--folds", "2", "--epochs", "1",
                "--models", "mlp,svm,svm-quantile,knn,logistic-regression,ensemble",
                "--ensemble", "svm-quantile,logistic-regression", "--out", report.toString());
        assertThat(cv).isZero();
        JsonNode json = ModelBundle.json().readTree(report.resolve("report.json").toFile());
        assertThat(json.path("models").path("mlp").path("foldAccuracies")).hasSize(2);
        // the generated classes are far apart: the SVM must separate them
        assertThat(json.path("models").path("svm").path("accuracyMean").asDouble()).isGreaterThan(0.9);
        assertThat(json.path("models").path("svm-quantile").path("accuracyMean").asDouble()).isGreaterThan(0.9);
        assertThat(json.path("models").path("ensemble").path("accuracyMean").asDouble()).isGreaterThan(0.9);
        assertThat(report.resolve("confusion-svm.png")).isNotEmptyFile();
        assertThat(report.resolve("curves-mlp.png")).isNotEmptyFile();
        assertThat(Files.readString(report.resolve("report.md"))).contains("| svm |");

        Path bundleDir = dir.resolve("bundle");
        int bundle = GenreTrainer.execute("bundle", "--table", table.toString(), "--epochs", "3",
                "--cv-report", report.resolve("report.json").toString(), "--out", bundleDir.toString());
        assertThat(bundle).isZero();
        FeatureTable rows = FeatureTable.read(table);
        try (ModelBundle loaded = ModelBundle.load(bundleDir, FeatureConfig.librosaDefaults());
             BatchScorer scorer = loaded.newScorer(ModelRole.SUMMARY)) {
            assertThat(loaded.labels()).containsExactlyElementsOf(LABELS);
            assertThat(loaded.manifest().classPriors()).containsExactly(0.25, 0.25, 0.25, 0.25);
            assertThat(loaded.manifest().metrics()).containsKey("cvAccuracyMean");
            assertThat(loaded.has(ModelRole.GRU)).isFalse();
            float[][] p = scorer.scoreRows(rows.rows(new int[] {0, 23}));
            assertThat(p).hasDimensions(2, 4);
            assertThat(loaded.modelCard()).contains("classical", "prior");
        }

        // the bundle as a teacher: its log-probabilities appended to every row, then cross-validated
        FeatureTable taught = TeacherFeatures.append(rows, bundleDir);
        assertThat(taught.featureNames()).hasSize(57 + 4).endsWith("teacher_classical", "teacher_electronic",
                "teacher_pop", "teacher_rock");
        for (float[] row : taught.features()) {
            double sum = 0;
            for (int c = 57; c < row.length; c++) {
                assertThat(row[c]).isLessThanOrEqualTo(0f).isGreaterThanOrEqualTo((float) Math.log(1e-6));
                sum += Math.exp(row[c]);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        }
        Path taughtReport = dir.resolve("taught");
        assertThat(GenreTrainer.execute("cv", "--table", table.toString(), "--folds", "2", "--models", "svm",
                "--teacher", bundleDir.toString(), "--out", taughtReport.toString())).isZero();
        JsonNode taughtJson = ModelBundle.json().readTree(taughtReport.resolve("report.json").toFile());
        assertThat(taughtJson.at("/context/teacher").asText()).contains(ModelBundle.contentHash(bundleDir));
        assertThat(taughtJson.path("models").path("svm").path("accuracyMean").asDouble()).isGreaterThan(0.9);
    }
}
