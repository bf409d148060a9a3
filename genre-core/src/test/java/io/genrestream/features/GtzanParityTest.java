package io.genrestream.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole-track features of the 28 GTZAN tracks in ../shared/data against their rows of the Kaggle table: at least
 * 50 of 57 features within 1 % on every track, none beyond 5 %, tempo within 2 % or an exact octave multiple.
 * Skips when the shared data is absent. With {@code -Dgenre.parity.report=<file>} it also writes the report
 * (see {@link ParityReport}).
 */
class GtzanParityTest {

    @Test
    void wholeTrackFeaturesReproduceTheTable() throws IOException {
        Path gtzan = Path.of(System.getProperty("genre.shared.data", "../shared/data")).resolve("gtzan");
        assumeThat(Files.isDirectory(gtzan.resolve("parity")))
                .as("shared GTZAN data missing at %s: parity test skipped", gtzan.toAbsolutePath()).isTrue();
        FeatureConfig config = FeatureConfig.librosaDefaults();
        List<GtzanParity.Track> tracks = GtzanParity.run(gtzan, config);
        assertThat(tracks).hasSize(28);
        String report = System.getProperty("genre.parity.report");
        if (report != null && !report.isBlank()) {
            Files.writeString(Path.of(report), ParityReport.render(gtzan, config, tracks));
        }
        for (GtzanParity.Track t : tracks) {
            int w = t.worst();
            assertThat(t.meetsTarget())
                    .as("%s: %d of 57 within 1%%, worst %s error %.3g, tempo ours %.2f table %.2f", t.file(),
                            t.closeCount(), SummaryFeatures.COLUMNS.get(w), t.error(w),
                            t.ours()[16], t.reference()[16])
                    .isTrue();
        }
    }
}
