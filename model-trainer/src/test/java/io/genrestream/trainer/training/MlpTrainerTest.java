package io.genrestream.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.genrestream.model.BatchScorer;
import io.genrestream.model.ModelRole;
import io.genrestream.trainer.cli.GeneratedTables;
import io.genrestream.trainer.data.FeatureTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary MLP's training: seeded, and input noise and mixup regularisers that change what is learnt, reproducibly.
 */
class MlpTrainerTest {

    private static final List<String> LABELS = List.of("classical", "electronic", "pop", "rock");

    @TempDir
    Path dir;

    @Test
    void inputNoiseIsSeededAndChangesTheTrainedWeights() throws Exception {
        FeatureTable table = FeatureTable.read(GeneratedTables.write(dir.resolve("t.csv"), LABELS, 8, 3));
        int[] all = IntStream.range(0, table.size()).toArray();
        MlpSettings plain = MlpSettings.DEFAULTS.withMaxEpochs(3);
        MlpSettings noisy = withNoise(plain, 0.5);

        List<float[]> withoutNoise = weights(table, all, plain);
        List<float[]> noise1 = weights(table, all, noisy);
        List<float[]> noise2 = weights(table, all, noisy);

        assertThat(weights(table, all, plain)).containsExactlyElementsOf(withoutNoise);
        assertThat(noise2).containsExactlyElementsOf(noise1);
        assertThat(noise1.get(0)).isNotEqualTo(withoutNoise.get(0));
    }

    @Test
    void mixupIsSeededAndChangesTheTrainedWeights() throws Exception {
        FeatureTable table = FeatureTable.read(GeneratedTables.write(dir.resolve("t.csv"), LABELS, 8, 3));
        int[] all = IntStream.range(0, table.size()).toArray();
        MlpSettings plain = MlpSettings.DEFAULTS.withMaxEpochs(3);
        MlpSettings mixed = plain.withRegularisation(new BatchRegularisation(0.4, 0));

        List<float[]> mixup1 = weights(table, all, mixed);

        assertThat(weights(table, all, mixed)).containsExactlyElementsOf(mixup1);
        assertThat(mixup1.get(0)).isNotEqualTo(weights(table, all, plain).get(0));
    }

    @Test
    void negativeInputNoiseIsRefused() {
        assertThatThrownBy(() -> withNoise(MlpSettings.DEFAULTS, -0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input noise");
        assertThatThrownBy(() -> new BatchRegularisation(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seedEnsembleServesItsMembersMeanProbabilities() throws Exception {
        FeatureTable table = FeatureTable.read(GeneratedTables.write(dir.resolve("t.csv"), LABELS, 8, 3));
        int[] all = IntStream.range(0, table.size()).toArray();
        float[][] rows = table.rows(all);
        float[][] targets = EpochLoop.oneHot(table.classes(all), LABELS.size());
        MlpSettings settings = MlpSettings.DEFAULTS.withMaxEpochs(3);
        int[] epochs = new int[1];

        float[][][] alone = new float[3][][];
        for (int m = 0; m < 3; m++) {
            alone[m] = scores(MlpTrainer.fit(table.featureNames(), rows, targets, null, null, false,
                    settings.withSeed(settings.seed() + m), MlpTrainer.Ensemble.of(1), e -> { }), rows);
        }
        MlpTrainer.Result trained = MlpTrainer.fit(table.featureNames(), rows, targets, null, null, false, settings,
                MlpTrainer.Ensemble.of(3), e -> epochs[0]++);
        assertThat(trained.spec().members()).isEqualTo(3);

        assertThat(epochs[0]).isEqualTo(9);
        assertScoresAreTheMeanOf(scores(trained, rows), alone);
        assertThatThrownBy(() -> MlpTrainer.Ensemble.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one member");
    }

    @Test
    void viewMembersReadTheLeadingColumnsAndAreAveragedWithTheOthers() throws Exception {
        FeatureTable table = FeatureTable.read(GeneratedTables.write(dir.resolve("t.csv"), LABELS, 8, 3));
        int[] all = IntStream.range(0, table.size()).toArray();
        float[][] rows = table.rows(all);
        float[][] targets = EpochLoop.oneHot(table.classes(all), LABELS.size());
        MlpSettings settings = MlpSettings.DEFAULTS.withMaxEpochs(3);
        int leading = 5;
        List<String> leadingNames = table.featureNames().subList(0, leading);
        float[][] leadingRows = java.util.Arrays.stream(rows).map(r -> java.util.Arrays.copyOf(r, leading))
                .toArray(float[][]::new);

        // the members alone: seed 42 on every column, seeds 43 and 44 on the leading ones
        float[][][] alone = {
            scores(MlpTrainer.fit(table.featureNames(), rows, targets, null, null, false, settings,
                    MlpTrainer.Ensemble.of(1), e -> { }), rows),
            scores(MlpTrainer.fit(leadingNames, leadingRows, targets, null, null, false,
                    settings.withSeed(settings.seed() + 1), MlpTrainer.Ensemble.of(1), e -> { }), leadingRows),
            scores(MlpTrainer.fit(leadingNames, leadingRows, targets, null, null, false,
                    settings.withSeed(settings.seed() + 2), MlpTrainer.Ensemble.of(1), e -> { }), leadingRows)};
        MlpTrainer.Result trained = MlpTrainer.fit(table.featureNames(), rows, targets, null, null, false, settings,
                new MlpTrainer.Ensemble(1, leading, 2), e -> { });
        assertThat(trained.spec().viewInputs()).isEqualTo(leading);
        assertThat(trained.spec().viewMembers()).isEqualTo(2);
        assertScoresAreTheMeanOf(scores(trained, rows), alone);
    }

    /** Each row of {@code ensemble} is the mean of the members' rows, within 1e-5. */
    private static void assertScoresAreTheMeanOf(float[][] ensemble, float[][][] members) {
        for (int i = 0; i < ensemble.length; i++) {
            float[] mean = new float[ensemble[i].length];
            for (float[][] member : members) {
                for (int c = 0; c < mean.length; c++) {
                    mean[c] += member[i][c] / members.length;
                }
            }
            assertThat(ensemble[i]).containsExactly(mean, within(1e-5f));
        }
    }

    /** The app's scores of {@code rows} by a trained model, which is closed after. */
    private static float[][] scores(MlpTrainer.Result trained, float[][] rows) {
        try (trained; BatchScorer scorer = BatchScorer.forModel(ModelRole.SUMMARY, trained.model(),
                trained.normalization(), LABELS.size())) {
            return scorer.scoreRows(rows);
        }
    }

    private static MlpSettings withNoise(MlpSettings s, double noise) {
        return s.withRegularisation(new BatchRegularisation(0, noise));
    }

    private static List<float[]> weights(FeatureTable table, int[] rows, MlpSettings settings) {
        try (MlpTrainer.Result result = MlpTrainer.fit(table, rows, null, settings, e -> { })) {
            List<float[]> out = new ArrayList<>();
            for (Pair<String, Parameter> p : result.model().getBlock().getParameters()) {
                out.add(p.getValue().getArray().toFloatArray());
            }
            return out;
        }
    }
}
