package io.genrestream.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genrestream.trainer.GenreTrainer;
import io.genrestream.trainer.cli.GeneratedTables;
import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.trainer.evaluation.CrossValidation;
import io.genrestream.trainer.folds.TrackSplits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stacking on a small generated table: nested inner folds, and a meta-learner that does more than averaging. */
class StackingEnsembleTest {

    private static final List<String> LABELS = List.of("blues", "classical", "jazz", "rock");

    @TempDir
    Path dir;

    private FeatureTable table;
    private TrackSplits.Split outer;

    @BeforeEach
    void generate() throws Exception {
        table = FeatureTable.read(GeneratedTables.write(dir.resolve("table.csv"), LABELS, 20, 3));
        outer = TrackSplits.stratifiedKFold(table, 2, 5).get(0);
    }

    @Test
    void innerFoldsPartitionTheTrainingRowsOnlyAndAreShared() {
        StackingEnsemble.InnerFolds folds = new StackingEnsemble.InnerFolds(4, 7);
        List<TrackSplits.Split> inner = folds.of(table, outer.train());
        assertThat(inner).hasSize(4);
        List<Integer> tested = new ArrayList<>();
        for (TrackSplits.Split s : inner) {
            assertThat(table.labelsOf(s.test())).containsExactlyInAnyOrderElementsOf(LABELS);
            assertThat(Arrays.stream(s.train()).boxed().collect(Collectors.toSet()))
                    .doesNotContainAnyElementsOf(Arrays.stream(s.test()).boxed().toList());
            Arrays.stream(s.test()).forEach(tested::add);
        }
        assertThat(tested).containsExactlyInAnyOrderElementsOf(Arrays.stream(outer.train()).boxed().toList());
        assertThat(folds.of(table, outer.train())).isSameAs(inner);
    }

    @Test
    void membersNeverSeeTheOuterTestRowsBeforeTheFinalFit() {
        List<TrackSplits.Split> calls = new ArrayList<>();
        FoldClassifier lr = TribuoClassifiers.named("logistic-regression", true, 1);
        FoldClassifier recorded = new FoldClassifier() {
            @Override
            public String name() {
                return lr.name();
            }

            @Override
            public float[][] fitPredict(FeatureTable t, int[] train, int[] test) {
                calls.add(new TrackSplits.Split(train, test));
                return lr.fitPredict(t, train, test);
            }
        };
        new StackingEnsemble("stack", List.of(recorded), new StackingEnsemble.InnerFolds(3, 7), 1)
                .fitPredict(table, outer.train(), outer.test());

        Set<Integer> outerTest = Arrays.stream(outer.test()).boxed().collect(Collectors.toSet());
        assertThat(calls).hasSize(4);
        for (TrackSplits.Split call : calls.subList(0, 3)) {
            assertThat(Arrays.stream(call.train()).boxed().toList()).doesNotContainAnyElementsOf(outerTest);
            assertThat(Arrays.stream(call.test()).boxed().toList()).doesNotContainAnyElementsOf(outerTest);
        }
        assertThat(calls.get(3).train()).isSameAs(outer.train());
        assertThat(calls.get(3).test()).isSameAs(outer.test());
    }

    @Test
    void metaLearnerUndoesAMemberWhoseClassesAreShiftedWhereAveragingCannot() {
        // a real classifier whose probability columns are rotated by one class: averaging keeps its wrong arg-max,
        // the meta-learner learns the rotation from the out-of-fold probabilities
        FoldClassifier lr = TribuoClassifiers.named("logistic-regression", true, 1);
        FoldClassifier rotated = new FoldClassifier() {
            @Override
            public String name() {
                return "rotated";
            }

            @Override
            public float[][] fitPredict(FeatureTable t, int[] train, int[] test) {
                float[][] p = lr.fitPredict(t, train, test);
                int k = t.labels().size();
                float[][] out = new float[p.length][k];
                for (int i = 0; i < p.length; i++) {
                    for (int c = 0; c < k; c++) {
                        out[i][(c + 1) % k] = p[i][c];
                    }
                }
                return out;
            }
        };
        float[][] stacked = new StackingEnsemble("stack", List.of(rotated), new StackingEnsemble.InnerFolds(3, 7), 1)
                .fitPredict(table, outer.train(), outer.test());
        float[][] averaged = new AveragingEnsemble("mean", List.of(rotated))
                .fitPredict(table, outer.train(), outer.test());

        assertThat(accuracy(stacked)).isGreaterThan(0.9);
        assertThat(accuracy(averaged)).isLessThan(0.3);
        for (float[] row : stacked) {
            double sum = 0;
            for (float v : row) {
                assertThat(v).isBetween(0f, 1f);
                sum += v;
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void rejectsBadConfiguration() {
        assertThatThrownBy(() -> new StackingEnsemble.InnerFolds(1, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 inner folds");
        assertThatThrownBy(() -> new StackingEnsemble("stack", List.of(), new StackingEnsemble.InnerFolds(3, 7), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs members");
    }

    @Test
    void cvReportsEveryStackAndRefusesUnknownMembers() throws Exception {
        Path report = dir.resolve("report");
        int code = GenreTrainer.execute("cv", "--table", dir.resolve("table.csv").toString(), "--folds", "2",
                "--stack-folds", "2", "--models", "stack", "--stack", "svm,logistic-regression", "--stack", "knn",
                "--out", report.toString());
        assertThat(code).isZero();
        com.fasterxml.jackson.databind.JsonNode json =
                io.genrestream.model.ModelBundle.json().readTree(report.resolve("report.json").toFile());
        assertThat(json.path("models").path("stack-1").path("accuracyMean").asDouble()).isGreaterThan(0.9);
        assertThat(json.path("models").path("stack-2").path("foldAccuracies")).hasSize(2);

        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(GenreTrainer.execute("cv", "--table", dir.resolve("table.csv").toString(), "--models",
                    "stack", "--stack", "svm,boosting", "--out", dir.resolve("bad").toString())).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown ensemble/stack member 'boosting'");
    }

    private double accuracy(float[][] p) {
        int[] predicted = CrossValidation.argMax(p);
        int[] truth = table.classes(outer.test());
        return IntStream.range(0, truth.length).filter(i -> predicted[i] == truth[i]).count() / (double) truth.length;
    }
}
