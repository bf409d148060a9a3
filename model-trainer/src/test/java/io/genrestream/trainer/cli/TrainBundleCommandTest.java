package io.genrestream.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrestream.features.FeatureConfig;
import io.genrestream.features.FeatureExtractor;
import io.genrestream.features.SummaryFeatures;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.ModelBundle;
import io.genrestream.model.ModelRole;
import io.genrestream.trainer.GenreTrainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train-bundle} end to end on generated tones: two sources, a partial label, a bundle the app can load. */
class TrainBundleCommandTest {

    @TempDir
    Path dir;

    private List<String> args(Path csv, String... more) {
        List<String> args = new ArrayList<>(List.of("train-bundle", "--data", "tones=" + dir.resolve("tones"),
                "--data", "listed=" + csv, "--labels", "low,mid,high", "--alias", "lowish=low,mid", "--folds", "2",
                "--hidden", "4", "--epochs", "1", "--mlp-epochs", "1", "--cache-dir", "none"));
        args.addAll(List.of(more));
        return args;
    }

    private Path writeSources(String partialLabel) throws Exception {
        double[] hz = {300, 1000, 4000};
        String[] label = {"low", "mid", "high"};
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < 2; i++) {
                Path f = dir.resolve("tones").resolve(label[g]).resolve(label[g] + "." + i + ".wav");
                Files.createDirectories(f.getParent());
                SequenceCommandsSmokeTest.writeTone(f, hz[g], 6, 10L * g + i);
            }
        }
        StringBuilder csv = new StringBuilder("file,label,artist\n");
        for (int i = 0; i < 4; i++) {
            SequenceCommandsSmokeTest.writeTone(dir.resolve("listed" + i + ".wav"), i % 2 == 0 ? 300 : 1000, 6, 99 + i);
            csv.append("listed").append(i).append(".wav,").append(i % 2 == 0 ? "low" : partialLabel)
                    .append(",artist").append(i / 2).append('\n');
        }
        return Files.writeString(dir.resolve("listed.csv"), csv.toString());
    }

    @Test
    void trainsCalibratesAndWritesABundleTheAppLoads() throws Exception {
        Path csv = writeSources("lowish");
        Path report = dir.resolve("report");
        Path bundle = dir.resolve("bundle");
        assertThat(GenreTrainer.execute(args(csv, "--report", report.toString(), "--out", bundle.toString())
                .toArray(String[]::new))).isZero();

        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertThat(json.at("/perSource/tones/tracks").asInt()).isEqualTo(6);
        assertThat(json.at("/perSource/listed/tracks").asInt()).isEqualTo(4);
        assertThat(json.at("/perSource/all/tracks").asInt()).isEqualTo(10);
        assertThat(json.at("/ece").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.resolve("reliability.png")).isNotEmptyFile();
        assertThat(report.resolve("coverage.png")).isNotEmptyFile();

        try (ModelBundle b = ModelBundle.load(bundle, FeatureConfig.librosaDefaults())) {
            assertThat(b.labels()).containsExactly("low", "mid", "high");
            assertThat(b.manifest().calibration().gruTemperature()).isPositive();
            assertThat(b.manifest().calibration().trackTemperature()).isPositive();
            assertThat(b.manifest().calibration().trackMap().confidence()).as("Platt track map").isNotEmpty();
            assertThat(b.manifest().novelty().enabled()).isTrue();
            assertThat(b.manifest().novelty().threshold()).isEqualTo(json.at("/noveltyThreshold").asDouble());
            assertThat(b.manifest().calibration().unknownThreshold())
                    .isEqualTo(json.at("/unknownThreshold").asDouble());
            // a partial label spreads its track over its set: low 4 + 2 / 2, mid 2 + 2 / 2, high 2, of 10 tracks
            assertThat(b.manifest().classPriors()).containsExactly(new double[] {0.5, 0.3, 0.2}, within(1e-9));
        }
        assertThat(Files.readString(bundle.resolve("model-card.md"))).contains("ships weights only")
                .contains("| listed | 4 |");
    }

    @Test
    void allSummaryColumnsAreTrainedWithMixupOnAudioAndTableRowsAndServedByTheBundlesExtractor() throws Exception {
        Path csv = writeSources("lowish");
        Path table = GeneratedTables.write(dir.resolve("table.csv"), List.of("low", "mid", "high"), 4, 5);
        Path bundle = dir.resolve("bundle");
        assertThat(GenreTrainer.execute(args(csv, "--table", "gen=" + table, "--summary-columns", "all",
                "--mlp-members", "2", "--mlp-gtzan-members", "1", "--gru-members", "2", "--novelty-columns", "gtzan",
                "--mlp-mixup-alpha", "0.4", "--report", dir.resolve("report").toString(), "--out", bundle.toString())
                .toArray(String[]::new))).isZero();

        try (ModelBundle b = ModelBundle.load(bundle, FeatureConfig.librosaDefaults())) {
            assertThat(b.manifest().summary().architecture().mlp().members()).as("a seed ensemble of 2").isEqualTo(2);
            assertThat(b.manifest().summary().architecture().mlp().viewMembers()).as("and 1 on GTZAN's").isEqualTo(1);
            assertThat(b.manifest().summary().architecture().mlp().viewInputs()).isEqualTo(57);
            assertThat(b.manifest().gru().architecture().recurrent().members()).as("GRUs averaged").isEqualTo(2);
            assertThat(Files.readString(bundle.resolve("model-card.md")))
                    .contains("1 epochs, 2 seed(s) averaged; summary MLP")
                    .containsPattern("summary MLP .*, 1 epochs, 2 seed\\(s\\) averaged, 1 more on GTZAN's 57 "
                            + "columns alone, batch regularisation mixup α=0.4;")
                    .contains("the 157 summary columns").contains("chroma tonality, modulation spectrum, as named");
            assertThat(b.manifest().summaryColumns()).isEqualTo(SummaryFeatures.ALL_COLUMNS).hasSize(157);
            assertThat(b.manifest().summary().normalization().features()).isEqualTo(157);
            assertThat(b.manifest().novelty().mean()).as("the novelty check over GTZAN's 57 alone").hasSize(57);
            assertThat(Files.readString(dir.resolve("report").resolve("report.md")))
                    .contains("to the training rows over 57 columns");
            // the app's extractor, built from the manifest as ModelFactory builds it, feeds the summary model
            FeatureExtractor extractor = FeatureExtractor.builder().setConfig(FeatureConfig.librosaDefaults())
                    .optSummaryColumns(b.manifest().summaryColumns()).build();
            float[] tone = new float[FeatureConfig.librosaDefaults().segmentSamples()];
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 1000 * i / 22050.0));
            }
            float[] row = extractor.summaryRow(extractor.extract(tone).statistics());
            assertThat(row).hasSize(157);
            try (BatchScorer summary = b.newScorer(ModelRole.SUMMARY)) {
                assertThat(summary.scoreRows(new float[][] {row})[0]).hasSize(3);
            }
            assertThat(b.manifest().novelty().distance(row)).isFinite().isPositive();
        }
    }

    @Test
    void optionsThatCannotWorkAreRefusedBeforeAnyWork() throws Exception {
        Path csv = writeSources("lowish");
        assertThat(refused(args(csv, "--mlp-members", "0", "--report", dir.resolve("r").toString())))
                .contains("--mlp-members and --gru-members >= 1");
        assertThat(refused(args(csv, "--gru-members", "0", "--report", dir.resolve("r").toString())))
                .contains("--mlp-members and --gru-members >= 1");
        assertThat(refused(args(csv, "--mlp-gtzan-members", "2", "--report", dir.resolve("r").toString())))
                .contains("--mlp-gtzan-members needs --summary-columns extended or all");
        assertThat(refused(args(csv, "--novelty-columns", "extended", "--report", dir.resolve("r").toString())))
                .contains("--novelty-columns extended needs --summary-columns extended or all");
        assertThat(refused(args(csv, "--mlp-mixup-alpha", "-0.2", "--report", dir.resolve("r").toString())))
                .contains("--mlp-mixup-alpha >= 0");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void aLabelOutsideTheTaxonomyStopsBeforeAnyWork() throws Exception {
        Path csv = writeSources("polka");
        assertThat(refused(args(csv, "--report", dir.resolve("r").toString())))
                .contains("'polka' is not in the taxonomy");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    /** Runs the trainer, which must exit 2 (bad input); what it printed on stderr. */
    private static String refused(List<String> args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(GenreTrainer.execute(args.toArray(String[]::new))).isEqualTo(2);
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
