package io.genrestream.features;

import io.genrestream.audio.AudioFileDecoder;
import io.genrestream.audio.DecodedAudio;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Computes the 57 features of GTZAN tracks with {@link TrackFeatures} and compares them with their rows of the
 * Kaggle table. Shared by the parity test and the report generator.
 */
final class GtzanParity {

    /** Allowed relative error for "within 1 %". */
    static final double CLOSE = 0.01;
    /** Largest allowed relative error of any feature but tempo. */
    static final double LIMIT = 0.05;
    /** Allowed relative tempo error (else it must be an exact octave multiple). */
    static final double TEMPO_LIMIT = 0.02;
    /** Features needed within {@link #CLOSE} on every track. */
    static final int REQUIRED_CLOSE = 50;
    /** Means of zero-mean signals: relative error is meaningless, their error is measured in standard deviations. */
    static final List<String> NEAR_ZERO_MEANS = List.of("harmony_mean", "perceptr_mean");

    /** The two sets of tracks with their table: directory under gtzan/ and CSV name. */
    static final List<String[]> SETS = List.of(
            new String[] {"parity", "features_30_sec.parity.csv"},
            new String[] {"audio-dev", "features_30_sec.audio-dev.csv"});

    private GtzanParity() {
    }

    /** One track's numbers. */
    record Track(String set, String file, double[] reference, double[] ours) {

        /**
         * Error of column {@code c}: relative error, except for near-zero means, whose absolute error is divided
         * by the reference standard deviation of the same signal (their _var column).
         */
        double error(int c) {
            String name = SummaryFeatures.COLUMNS.get(c);
            double diff = Math.abs(ours[c] - reference[c]);
            if (NEAR_ZERO_MEANS.contains(name)) {
                return diff / Math.sqrt(reference[c + 1]);
            }
            return diff / Math.abs(reference[c]);
        }

        /** Whether the tempo is an exact octave multiple (x2, x1/2) of the table's rather than within 2 %. */
        boolean tempoOctave() {
            int c = SummaryFeatures.COLUMNS.indexOf(SummaryFeatures.TEMPO);
            double ratio = ours[c] / reference[c];
            return Math.abs(ratio - 2) < 1e-9 || Math.abs(ratio - 0.5) < 1e-9;
        }

        boolean tempoOk() {
            return error(SummaryFeatures.COLUMNS.indexOf(SummaryFeatures.TEMPO)) <= TEMPO_LIMIT || tempoOctave();
        }

        int closeCount() {
            int n = 0;
            for (int c = 0; c < reference.length; c++) {
                if (error(c) <= CLOSE) {
                    n++;
                }
            }
            return n;
        }

        /** Index of the worst non-tempo feature. */
        int worst() {
            int w = 0;
            for (int c = 0; c < reference.length; c++) {
                if (!SummaryFeatures.TEMPO.equals(SummaryFeatures.COLUMNS.get(c)) && error(c) > error(w)) {
                    w = c;
                }
            }
            return w;
        }

        boolean meetsTarget() {
            return closeCount() >= REQUIRED_CLOSE && error(worst()) <= LIMIT && tempoOk();
        }
    }

    /** Reference rows of one set's CSV, in file order, as {@code [file, 57 values in COLUMNS order]}. */
    static List<Object[]> referenceRows(Path csv) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                double[] ref = new double[SummaryFeatures.COLUMNS.size()];
                for (int c = 0; c < ref.length; c++) {
                    ref[c] = Double.parseDouble(r.get(SummaryFeatures.COLUMNS.get(c)));
                }
                rows.add(new Object[] {r.get("filename"), ref});
            }
        }
        return rows;
    }

    /** The audio of a table row: the .wav, or the .au original when only that is present. */
    static Path audioOf(Path dir, String file) {
        Path wav = dir.resolve(file);
        return Files.exists(wav) ? wav : dir.resolve(file.replaceFirst("\\.wav$", ".au"));
    }

    /** Mono samples at the configuration's rate. */
    static float[] load(Path audio, FeatureConfig config) throws IOException {
        DecodedAudio a = AudioFileDecoder.standard().decode(audio).toMono();
        return a.resampledTo(config.sampleRate());
    }

    /** Computes every track of every set under {@code gtzan}. */
    static List<Track> run(Path gtzan, FeatureConfig config) throws IOException {
        FeatureExtractor extractor = FeatureExtractor.of(config);
        List<Track> tracks = new ArrayList<>();
        for (String[] set : SETS) {
            Path dir = gtzan.resolve(set[0]);
            for (Object[] row : referenceRows(dir.resolve(set[1]))) {
                String file = (String) row[0];
                double[] ours = TrackFeatures.compute(load(audioOf(dir, file), config), extractor);
                tracks.add(new Track(set[0], file, (double[]) row[1], ours));
            }
        }
        return tracks;
    }
}
