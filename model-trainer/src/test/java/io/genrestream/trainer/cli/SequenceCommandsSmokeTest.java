package io.genrestream.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrestream.trainer.GenreTrainer;
import io.genrestream.trainer.data.FeatureTable;
import io.genrestream.audio.FfmpegDecoder;
import io.genrestream.trainer.folds.TrackSplits;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI smoke run of the sequence-model commands on generated audio: a dataset CSV of short tones (bass vs treble) by
 * six "artists", MP3 files among them when ffmpeg is installed, and one corrupt file that must be skipped and counted.
 * Tiny models, one epoch: this checks the commands end to end, not accuracy.
 */
public class SequenceCommandsSmokeTest {

    private static final int RATE = 22050;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path csv;
    private boolean mp3;

    public static void writeTone(Path file, double hz, double seconds, long seed) throws Exception {
        Random random = new Random(seed);
        int n = (int) (seconds * RATE);
        ByteBuffer pcm = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double v = 0.4 * Math.sin(2 * Math.PI * hz * i / RATE) + 0.05 * random.nextGaussian();
            pcm.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, n)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    public static boolean toMp3(Path wav, Path mp3) throws Exception {
        Process p = new ProcessBuilder(FfmpegDecoder.onPath().executable(), "-nostdin", "-v", "error", "-y", "-i",
                wav.toString(), "-b:a", "64k", mp3.toString()).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor() == 0;
    }

    @BeforeEach
    void dataset() throws Exception {
        mp3 = FfmpegDecoder.onPath().isAvailable();
        if (!mp3) {
            System.out.println("ffmpeg not found: the smoke test uses WAV files only and skips the MP3 part");
        }
        List<String> lines = new ArrayList<>(List.of("file,label,artist"));
        String[] labels = {"bass", "treble"};
        for (int l = 0; l < 2; l++) {
            Files.createDirectories(dir.resolve(labels[l]));
            for (int a = 0; a < 3; a++) {
                for (int k = 0; k < 2; k++) {
                    String name = labels[l] + "." + a + k;
                    Path wav = dir.resolve(labels[l]).resolve(name + ".wav");
                    writeTone(wav, l == 0 ? 110 + 15 * a + 5 * k : 3000 + 150 * a + 50 * k, 3.2, 10L * a + k);
                    String file = name + ".wav";
                    // every second clip as MP3 when ffmpeg can make one: the trainer decodes it through ffmpeg
                    if (mp3 && k == 1 && toMp3(wav, dir.resolve(labels[l]).resolve(name + ".mp3"))) {
                        Files.delete(wav);
                        file = name + ".mp3";
                    }
                    lines.add(file + "," + labels[l] + "," + labels[l] + "-artist-" + a);
                }
            }
        }
        Path corrupt = dir.resolve("treble").resolve("broken.wav");
        Files.write(corrupt, "not audio at all".getBytes(StandardCharsets.UTF_8));
        lines.add("broken.wav,treble,treble-artist-9");
        csv = dir.resolve("dataset.csv");
        Files.write(csv, lines);
    }

    private String[] common(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dataset", csv.toString(), "--cache-dir", dir.resolve("cache").toString(), "--folds", "2",
                "--epochs", "1", "--hidden", "4", "--cnn-channels", "2,4", "--batch-size", "8"));
        return all.toArray(String[]::new);
    }

    @Test
    void crossValidatesEveryModelKindWithAllTricksAndCountsTheCorruptFile() throws Exception {
        Path report = dir.resolve("cv");
        int code = GenreTrainer.execute(common("seq", "cv", "--models", "GRU,BILSTM,CNN", "--segment-seconds", "1",
                "--augment-copies", "1", "--mixup-alpha", "0.2", "--input-noise", "0.1", "--tta-shifts", "0.5",
                "--report", report.toString()));
        assertThat(code).isZero();
        JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
        assertThat(json.at("/context/tracks").asInt()).isEqualTo(12);
        assertThat(json.at("/context/segments").asInt()).isEqualTo(36);
        assertThat(json.at("/context/skippedFiles")).hasSize(1);
        assertThat(json.at("/context/skippedFiles/0").asText()).startsWith("broken.wav");
        for (String model : List.of("GRU", "BILSTM", "CNN")) {
            JsonNode run = json.at("/runs/" + model);
            assertThat(run.at("/folds")).hasSize(2);
            assertThat(run.at("/summary/trackAccuracy/mean").asDouble()).isBetween(0.0, 1.0);
            assertThat(run.at("/summary/ttaTrackAccuracy/mean").asDouble()).isBetween(0.0, 1.0);
            assertThat(run.at("/summary/parameters").asLong()).isPositive();
            assertThat(run.at("/folds/0/testTracks").asInt() + run.at("/folds/1/testTracks").asInt()).isEqualTo(12);
        }
        assertThat(Files.readString(report.resolve("report.md")))
                .contains("| GRU |", "| CNN |", "TTA track acc", "mixup α=0.2, input noise σ=0.1");
        // the second run reads every segment from the cache instead of decoding again
        long cached;
        try (var files = Files.list(dir.resolve("cache"))) {
            cached = files.count();
        }
        assertThat(cached).isEqualTo(12 * 3);
        assertThat(GenreTrainer.execute(common("seq", "cv", "--models", "GRU", "--segment-seconds", "1", "--report",
                dir.resolve("cv2").toString()))).isZero();
        try (var files = Files.list(dir.resolve("cache"))) {
            assertThat(files.count()).isEqualTo(cached);
        }
    }

    @Test
    void ablationAndSearchRun() throws Exception {
        assertThat(GenreTrainer.execute(common("seq", "ablation", "--lengths", "0.5,1", "--report",
                dir.resolve("ablation").toString()))).isZero();
        JsonNode ablation = JSON.readTree(dir.resolve("ablation").resolve("report.json").toFile());
        assertThat(ablation.at("/runs").size()).isEqualTo(2);
        assertThat(ablation.at("/context/segments at 0.5 s").asInt()).isEqualTo(72);
        assertThat(dir.resolve("ablation").resolve("accuracy-vs-length.png")).isNotEmptyFile();

        assertThat(GenreTrainer.execute(common("seq", "search", "--trials", "2", "--search-folds", "1",
                "--segment-seconds", "1", "--readout", "MEAN", "--report", dir.resolve("search").toString())))
                .isZero();
        JsonNode search = JSON.readTree(dir.resolve("search").resolve("report.json").toFile());
        assertThat(search.at("/runs").size()).isEqualTo(2);
        // trial names list what the searched GRU uses, not the CNN's channels
        assertThat(search.at("/runs").fieldNames().next()).startsWith("trial 1: hidden=").contains("readout=MEAN")
                .doesNotContain("cnn=");
    }

    @Test
    void featureTableAndItsGroupedFoldsFeedTheSummaryCrossValidation() throws Exception {
        Path table = dir.resolve("table.csv");
        Path split = dir.resolve("folds.csv");
        assertThat(GenreTrainer.execute("feature-table", "--dataset", csv.toString(), "--folds", "2", "--out",
                table.toString(), "--split-out", split.toString())).isZero();
        java.io.StringWriter help = new java.io.StringWriter();
        new picocli.CommandLine(new FeatureTableCommand()).usage(new java.io.PrintWriter(help));
        assertThat(help.toString()).contains("--dataset", "--folds", "--split-out")
                .as("feature-table lists only options it uses").doesNotContain("--cache-dir", "--segments-per-track");
        FeatureTable read = FeatureTable.read(table);
        assertThat(read.features()).hasNumberOfRows(12);
        assertThat(read.featureNames()).hasSize(57);
        assertThat(read.trackIds()).doesNotContain("broken");
        // a clip's folds follow its artist: both clips of an artist are in the same fold
        java.util.Map<String, String> folds = TrackSplits.readSplitFile(split);
        assertThat(folds).hasSize(12).containsEntry("bass.01", folds.get("bass.00"))
                .containsEntry("treble.21", folds.get("treble.20"));
        Path report = dir.resolve("summary-cv");
        assertThat(GenreTrainer.execute("cv", "--table", table.toString(), "--split-file", split.toString(),
                "--models", "svm", "--out", report.toString())).isZero();
        assertThat(Files.readString(report.resolve("report.md"))).contains("| svm |");
    }

    @Test
    void theSegmentModelCommandsAreOneFamilyUnderSeq() {
        java.io.StringWriter help = new java.io.StringWriter();
        new picocli.CommandLine(new GenreTrainer()).getSubcommands().get("seq").usage(new java.io.PrintWriter(help));
        assertThat(help.toString()).contains("cv", "search", "ablation", "distil");
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(GenreTrainer.execute("seq")).isEqualTo(2);
            // the commands train-bundle and seq replaced are gone
            for (String gone : List.of("train-gru", "distil-gru", "seq-cv", "seq-bundle")) {
                assertThat(GenreTrainer.execute(gone)).isEqualTo(2);
            }
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("a subcommand is required: cv, search, ablation, distil")
                .contains("Unmatched argument at index 0: 'train-gru'");
    }

    @Test
    void badDatasetArgumentsAreRefusedWithAClearMessage() {
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(GenreTrainer.execute("seq", "cv", "--dataset", dir.resolve("nope.csv").toString(), "--report",
                    dir.resolve("r").toString())).isEqualTo(2);
            assertThat(GenreTrainer.execute("seq", "cv", "--dataset", csv.toString(), "--group-column", "album",
                    "--report", dir.resolve("r").toString())).isEqualTo(2);
            assertThat(GenreTrainer.execute("seq", "cv", "--dataset", csv.toString(), "--models", "TRANSFORMER",
                    "--report", dir.resolve("r").toString())).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("dataset CSV not found")
                .contains("columns [album] missing").contains("TRANSFORMER");
    }
}
