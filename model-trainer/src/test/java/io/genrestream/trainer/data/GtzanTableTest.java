package io.genrestream.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.genrestream.features.SummaryFeatures;
import io.genrestream.trainer.folds.TrackSplits;
import io.genrestream.trainer.training.MlpTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The real Kaggle GTZAN table reads as documented in ../shared/data/README.md. */
class GtzanTableTest {

    @Test
    void readsTheTrainingTable() throws Exception {
        Path csv = Path.of(System.getProperty("genre.shared.data", "../../shared/data"), "gtzan",
                "features_30_sec.train.csv");
        assumeTrue(Files.isRegularFile(csv), "shared data missing: " + csv + " (skipping the real-table check)");
        FeatureTable table = FeatureTable.read(csv);
        assertThat(table.size()).isEqualTo(950);
        assertThat(table.featureNames()).isEqualTo(SummaryFeatures.COLUMNS);
        assertThat(table.labels()).containsExactly("blues", "classical", "country", "disco", "hiphop", "jazz",
                "metal", "pop", "reggae", "rock");
        assertThat(java.util.Arrays.stream(table.classCounts()).boxed()).allMatch(n -> n >= 90 && n <= 100);
        assertThat(MlpTrainer.varianceColumns(table.featureNames())).hasSize(28);
        assertThat(TrackSplits.stratifiedKFold(table, 10, 42)).allSatisfy(s ->
                assertThat(s.test().length).isBetween(94, 96));
    }
}
