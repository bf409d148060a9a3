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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CI smoke test of train-gru: generated tones in a <label>/<file>.wav tree, one epoch, then the bundle loads. */
class TrainGruSmokeTest {

    @TempDir
    Path dir;

    /** A 6.2 s tone over noise (two 3 s segments), written by the sequence smoke test's generator. */
    private static void writeTone(Path file, double hz, long seed) throws Exception {
        SequenceCommandsSmokeTest.writeTone(file, hz, 6.2, seed);
    }

    @Test
    void trainsAGruOnAnAudioTreeAndWritesALoadableBundle() throws Exception {
        Path audio = dir.resolve("audio");
        List<String> labels = List.of("bass", "treble");
        for (int l = 0; l < labels.size(); l++) {
            Files.createDirectories(audio.resolve(labels.get(l)));
            for (int t = 0; t < 3; t++) {
                writeTone(audio.resolve(labels.get(l)).resolve(labels.get(l) + ".0000" + t + ".wav"),
                        l == 0 ? 110 + 20 * t : 3000 + 200 * t, t);
            }
        }
        Path bundleDir = dir.resolve("bundle");
        int code = GenreTrainer.execute("train-gru", "--audio", audio.toString(), "--out", bundleDir.toString(),
                "--segments-per-track", "2", "--epochs", "1", "--hidden", "8", "--layers", "1",
                "--validation-fraction", "0.34");
        assertThat(code).isZero();
        FeatureConfig config = FeatureConfig.librosaDefaults();
        try (ModelBundle bundle = ModelBundle.load(bundleDir, config);
             BatchScorer scorer = bundle.newScorer(ModelRole.GRU)) {
            assertThat(bundle.labels()).containsExactly("bass", "treble");
            assertThat(bundle.has(ModelRole.SUMMARY)).isFalse();
            assertThat(bundle.manifest().metrics()).containsKeys("gruValidationSegmentAccuracy",
                    "gruValidationTrackAccuracy");
            assertThat(bundle.manifest().trainingData()).containsEntry("gruTracks", 6).containsEntry("gruSegments", 12);
            float[][] p = scorer.scoreSegments(new float[][][] {
                new float[config.framesPerSegment()][config.frameFeatureCount()]});
            assertThat(p[0]).hasSize(2);
        }
    }

    @Test
    void distilsFromTheSummaryModelOnUnlabelledAudio() throws Exception {
        List<String> labels = List.of("bass", "treble");
        Path audio = dir.resolve("audio");
        for (int l = 0; l < labels.size(); l++) {
            Files.createDirectories(audio.resolve(labels.get(l)));
            for (int t = 0; t < 2; t++) {
                writeTone(audio.resolve(labels.get(l)).resolve("tone.0000" + t + ".wav"), l == 0 ? 150 : 2500, t);
            }
        }
        Path unlabelled = Files.createDirectories(dir.resolve("unlabelled").resolve("any"));
        writeTone(unlabelled.resolve("mystery.wav"), 700, 9);
        Path table = GeneratedTables.write(dir.resolve("table.csv"), labels, 4, 3);
        Path summary = dir.resolve("summary-bundle");
        assertThat(GenreTrainer.execute("bundle", "--table", table.toString(), "--epochs", "2", "--out",
                summary.toString())).isZero();

        Path bundleDir = dir.resolve("bundle");
        assertThat(GenreTrainer.execute("train-gru", "--audio", audio.toString(), "--out", bundleDir.toString(),
                "--summary-bundle", summary.toString(), "--unlabelled", dir.resolve("unlabelled").toString(),
                "--segments-per-track", "2", "--epochs", "1", "--hidden", "8", "--layers", "1",
                "--validation-fraction", "0.5")).isZero();
        try (ModelBundle bundle = ModelBundle.load(bundleDir, FeatureConfig.librosaDefaults())) {
            assertThat(bundle.has(ModelRole.GRU)).isTrue();
            assertThat(bundle.has(ModelRole.SUMMARY)).isTrue();
            assertThat(bundle.manifest().metrics()).containsEntry("gruDistilledSegments", 2);
            assertThat(bundle.manifest().classPriors()).containsExactly(0.5, 0.5);
        }
        // without a teacher, unlabelled audio is refused before extraction starts
        assertThat(GenreTrainer.execute("train-gru", "--audio", audio.toString(), "--out",
                dir.resolve("other").toString(), "--unlabelled", dir.resolve("unlabelled").toString())).isEqualTo(2);
    }

    @Test
    void distilGruLearnsFromTheTeacherAloneAndReportsAgreementAndEvaluation() throws Exception {
        List<String> labels = List.of("bass", "treble");
        Path unlabelled = Files.createDirectories(dir.resolve("unlabelled").resolve("any"));
        for (int t = 0; t < 5; t++) {
            writeTone(unlabelled.resolve("piece" + t + ".wav"), t % 2 == 0 ? 140 + 10 * t : 2600 + 100 * t, t);
        }
        Path check = dir.resolve("check");
        for (String label : labels) {
            writeTone(Files.createDirectories(check.resolve(label)).resolve("c.wav"), label.equals("bass") ? 160 : 2800,
                    7);
        }
        Path table = GeneratedTables.write(dir.resolve("table.csv"), labels, 4, 3);
        Path teacher = dir.resolve("teacher");
        assertThat(GenreTrainer.execute("bundle", "--table", table.toString(), "--epochs", "2", "--out",
                teacher.toString())).isZero();

        Path bundleDir = dir.resolve("distilled");
        assertThat(GenreTrainer.execute("distil-gru", "--teacher", teacher.toString(), "--unlabelled",
                dir.resolve("unlabelled").toString(), "--evaluate", check.toString(), "--out", bundleDir.toString(),
                "--segments-per-track", "2", "--epochs", "1", "--hidden", "8", "--layers", "1",
                "--held-out-fraction", "0.4", "--gru-weight", "0.25")).isZero();
        try (ModelBundle bundle = ModelBundle.load(bundleDir, FeatureConfig.librosaDefaults())) {
            assertThat(bundle.has(ModelRole.GRU)).isTrue();
            assertThat(bundle.has(ModelRole.SUMMARY)).isTrue();
            assertThat(bundle.labels()).containsExactly("bass", "treble");
            assertThat(bundle.manifest().voteWeights().gru()).isEqualTo(0.25);
            assertThat(bundle.manifest().metrics())
                    .containsEntry("distillHeldOutTracks", 2).containsEntry("distillHeldOutSegments", 4)
                    .containsEntry("evaluationTracks", 2)
                    .containsKeys("distillSegmentAgreement", "distillTrackAgreement",
                            "evaluation_gru_trackAccuracy", "evaluation_summary_trackAccuracy",
                            "evaluation_ensemble_trackAccuracy");
            assertThat(bundle.modelCard()).contains("GRU by distillation");
        }
        // a label outside the teacher's is refused
        Files.createDirectories(check.resolve("flute"));
        writeTone(check.resolve("flute").resolve("f.wav"), 900, 3);
        assertThat(GenreTrainer.execute("distil-gru", "--teacher", teacher.toString(), "--unlabelled",
                dir.resolve("unlabelled").toString(), "--evaluate", check.toString(), "--out",
                dir.resolve("other").toString(), "--segments-per-track", "2", "--epochs", "1", "--hidden", "8",
                "--layers", "1")).isEqualTo(2);
    }

    @Test
    void missingAudioFolderIsBadInput() {
        assertThat(GenreTrainer.execute("train-gru", "--audio", dir.resolve("none").toString(), "--out",
                dir.resolve("b").toString())).isEqualTo(2);
    }
}
