package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.genrestream.audio.AudioFileDecoder;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Parity of {@link Hpss} and {@link TempoEstimator} with the Kaggle GTZAN feature table on real GTZAN audio:
 * {@code harmony_mean/var}, {@code perceptr_mean/var} (mean and population variance of librosa.effects.hpss's
 * waveforms) and {@code tempo} (librosa.beat.beat_track). The table was made with librosa up to 0.8: reflect-padded
 * centred frames and HPSS waveforms cut with fix_length, which the "reflect" configuration reproduces.
 *
 * <p>Prints one row per track; docs/feature-parity.md ("HPSS and tempo") holds the last run.
 */
class HpssTempoParityTest {

    private static final FeatureConfig TABLE_CONFIG = OnsetTestSignals.config(Stft.PAD_REFLECT);

    record Row(String track, double tempo, double tableTempo, double harmonyVarErr, double perceptrVarErr,
               double harmonyMeanAbs, double perceptrMeanAbs) {

        String tempoVerdict() {
            double ratio = tempo / tableTempo;
            if (Math.abs(ratio - 1) < 1e-9) {
                return "exact";
            }
            for (double octave : new double[] {0.5, 2.0, 1.0 / 3, 3.0}) {
                if (Math.abs(ratio / octave - 1) < 0.02) {
                    return "octave";
                }
            }
            return Math.abs(ratio - 1) < 0.02 ? "within 2%" : "miss";
        }
    }

    @Test
    void matchesTheGtzanTableOnRealAudio() throws IOException {
        Path data = Path.of(System.getProperty("genre.shared.data", "../shared/data"), "gtzan");
        assumeTrue(Files.isDirectory(data.resolve("parity")) && Files.isDirectory(data.resolve("audio-dev")),
                "GTZAN parity data absent (" + data.toAbsolutePath()
                        + "/parity and /audio-dev): skipping HPSS/tempo parity");
        List<Track> tracks = new ArrayList<>();
        tracks.addAll(read(data.resolve("parity"), "features_30_sec.parity.csv"));
        tracks.addAll(read(data.resolve("audio-dev"), "features_30_sec.audio-dev.csv"));
        List<Row> rows = tracks.parallelStream().map(HpssTempoParityTest::measure)
                .sorted(Comparator.comparing(Row::track)).toList();

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "| track | tempo ours | tempo table | ratio | verdict | harmony_var rel err | perceptr_var rel err"
                        + " | harmony_mean abs err | perceptr_mean abs err |%n|---|---|---|---|---|---|---|---|---|%n"));
        for (Row r : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %s | %.2e | %.2e | %.2e | %.2e |%n",
                    r.track(), r.tempo(), r.tableTempo(), r.tempo() / r.tableTempo(), r.tempoVerdict(),
                    r.harmonyVarErr(), r.perceptrVarErr(), r.harmonyMeanAbs(), r.perceptrMeanAbs()));
        }
        long exact = rows.stream().filter(r -> r.tempoVerdict().equals("exact")).count();
        long octave = rows.stream().filter(r -> r.tempoVerdict().equals("octave")).count();
        long miss = rows.stream().filter(r -> r.tempoVerdict().equals("miss")).count();
        table.append(String.format(Locale.ROOT, "%ntempo: %d tracks, %d exact, %d octave, %d within 2%%, %d miss;"
                        + " max |var rel err| %.2e; max |mean abs err| %.2e%n",
                rows.size(), exact, octave, rows.size() - exact - octave - miss, miss,
                rows.stream().mapToDouble(r -> Math.max(Math.abs(r.harmonyVarErr()), Math.abs(r.perceptrVarErr())))
                        .max().orElse(0),
                rows.stream().mapToDouble(r -> Math.max(r.harmonyMeanAbs(), r.perceptrMeanAbs())).max().orElse(0)));
        System.out.println(table);

        assertThat(rows).hasSize(28);
        for (Row r : rows) {
            assertThat(Math.abs(r.harmonyVarErr())).as("%s harmony_var", r.track()).isLessThan(1e-3);
            assertThat(Math.abs(r.perceptrVarErr())).as("%s perceptr_var", r.track()).isLessThan(1e-3);
            // the means are about 1e-5; these bounds are far below them
            assertThat(r.harmonyMeanAbs()).as("%s harmony_mean", r.track()).isLessThan(1e-7);
            assertThat(r.perceptrMeanAbs()).as("%s perceptr_mean", r.track()).isLessThan(1e-7);
            assertThat(r.tempoVerdict()).as("%s tempo %s vs %s", r.track(), r.tempo(), r.tableTempo())
                    .isEqualTo("exact");
        }
    }

    /** One table row and its audio file. */
    private record Track(Path audio, CSVRecord record) {
    }

    private static List<Track> read(Path dir, String csv) throws IOException {
        try (Reader in = Files.newBufferedReader(dir.resolve(csv))) {
            List<Track> tracks = new ArrayList<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                Path wav = dir.resolve(r.get("filename"));
                // one audio-dev track is kept as GTZAN's original .au
                Path audio = Files.exists(wav) ? wav : dir.resolve(r.get("filename").replaceFirst("\\.wav$", ".au"));
                assertThat(audio).as("audio of %s", r.get("filename")).exists();
                tracks.add(new Track(audio, r));
            }
            return tracks;
        }
    }

    private static Row measure(Track track) {
        CSVRecord r = track.record();
        String name = r.get("filename");
        float[] y;
        try {
            y = AudioFileDecoder.standard().decode(track.audio()).toMono().samples();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Hpss.HarmonicPercussive hp = Hpss.harmonicPercussive(y, TABLE_CONFIG);
        double tempo = TempoEstimator.estimate(y, TABLE_CONFIG);
        double[] h = meanVar(hp.harmonic());
        double[] p = meanVar(hp.percussive());
        return new Row(name, tempo, Double.parseDouble(r.get("tempo")),
                h[1] / Double.parseDouble(r.get("harmony_var")) - 1,
                p[1] / Double.parseDouble(r.get("perceptr_var")) - 1,
                Math.abs(h[0] - Double.parseDouble(r.get("harmony_mean"))),
                Math.abs(p[0] - Double.parseDouble(r.get("perceptr_mean"))));
    }

    private static double[] meanVar(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        double sq = 0;
        for (float v : x) {
            sq += (v - mean) * (v - mean);
        }
        return new double[] {mean, sq / x.length};
    }
}
