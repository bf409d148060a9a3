package io.genrestream.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.genrestream.features.FeatureConfig;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.trainer.GenreTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke test of {@code seq distil}: a summary-model teacher from a generated table, five unlabelled 6.2 s tones
 * (two 3 s segments each), one epoch, then the bundle loads with both models and the figures of the held-out fold
 * and of the labelled check.
 */
class DistilCommandTest {

    private static final List<String> LABELS = List.of("bass", "treble");

    @TempDir
    Path dir;

    private Path teacher;
    private Path unlabelled;
    private Path check;

    @BeforeEach
    void data() throws Exception {
        unlabelled = Files.createDirectories(dir.resolve("unlabelled").resolve("any"));
        for (int t = 0; t < 5; t++) {
            SequenceCommandsSmokeTest.writeTone(unlabelled.resolve("piece" + t + ".wav"),
                    t % 2 == 0 ? 140 + 10 * t : 2600 + 100 * t, 6.2, t);
        }
        check = dir.resolve("check");
        for (String label : LABELS) {
            SequenceCommandsSmokeTest.writeTone(Files.createDirectories(check.resolve(label)).resolve("c.wav"),
                    label.equals("bass") ? 160 : 2800, 6.2, 7);
        }
        Path table = GeneratedTables.write(dir.resolve("table.csv"), LABELS, 4, 3);
        teacher = dir.resolve("teacher");
        assertThat(GenreTrainer.execute("bundle", "--table", table.toString(), "--epochs", "2", "--out",
                teacher.toString())).isZero();
    }

    private int distil(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("seq", "distil", "--teacher", teacher.toString(),
                "--audio", dir.resolve("unlabelled").toString(), "--out", out.toString(), "--folds", "2",
                "--cache-dir", dir.resolve("cache").toString(), "--epochs", "1", "--hidden", "8"));
        args.addAll(List.of(extra));
        return GenreTrainer.execute(args.toArray(String[]::new));
    }

    @Test
    void learnsFromTheTeacherAloneAndReportsAgreementAndEvaluation() throws Exception {
        Path bundleDir = dir.resolve("distilled");
        assertThat(distil(bundleDir, "--evaluate", check.toString(), "--gru-weight", "0.25")).isZero();
        FeatureConfig config = FeatureConfig.librosaDefaults();
        try (ModelBundle bundle = ModelBundle.load(bundleDir, config);
             BatchScorer scorer = bundle.newScorer(ModelRole.GRU)) {
            assertThat(bundle.has(ModelRole.SUMMARY)).isTrue();
            assertThat(bundle.labels()).containsExactly("bass", "treble");
            assertThat(bundle.manifest().voteWeights().gru()).isEqualTo(0.25);
            assertThat(bundle.manifest().gru().architecture().recurrent().hiddenSize()).isEqualTo(8);
            // five one-file groups in two folds: the first fold (three tracks, six segments) is held out
            assertThat(bundle.manifest().metrics())
                    .containsEntry("distillHeldOutTracks", 3).containsEntry("distillHeldOutSegments", 6)
                    .containsEntry("evaluationTracks", 2)
                    .containsKeys("distillSegmentAgreement", "distillTrackAgreement",
                            "evaluation_gru_trackAccuracy", "evaluation_summary_trackAccuracy",
                            "evaluation_ensemble_trackAccuracy");
            assertThat(bundle.manifest().trainingData()).containsEntry("gruUnlabelledTracks", 5)
                    .containsEntry("gruTrainingSegments", 4);
            assertThat(bundle.modelCard()).contains("GRU by distillation");
            float[][] p = scorer.scoreSegments(new float[][][] {
                new float[config.framesPerSegment()][config.frameFeatureCount()]});
            assertThat(p[0]).hasSize(2);
        }
    }

    @Test
    void badInputIsRefusedBeforeTraining() throws Exception {
        // a check label outside the teacher's
        Files.createDirectories(check.resolve("flute"));
        SequenceCommandsSmokeTest.writeTone(check.resolve("flute").resolve("f.wav"), 900, 6.2, 3);
        assertThat(distil(dir.resolve("a"), "--evaluate", check.toString())).isEqualTo(2);
        // the app serves frame-matrix models only
        assertThat(distil(dir.resolve("b"), "--model", "CNN")).isEqualTo(2);
        // a missing audio folder
        assertThat(GenreTrainer.execute("seq", "distil", "--teacher", teacher.toString(), "--audio",
                dir.resolve("none").toString(), "--out", dir.resolve("c").toString())).isEqualTo(2);
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
        assertThat(dir.resolve("c")).doesNotExist();
        assertThat(dir.resolve("cache")).doesNotExist();
    }
}
