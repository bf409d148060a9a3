package io.genrestream.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.genrestream.model.BatchScorer;
import io.genrestream.model.ModelRole;
import io.genrestream.model.RecurrentReadout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seed ensembles of the segment models: trained apart, served as one model of the members' mean probabilities. */
class SequenceTrainerTest {

    private static final int CLASSES = 3;
    private static final SequenceModelKind.Hyper HYPER = new SequenceModelKind.Hyper(8, 1, 0f, new int[] {4}, 1e-2f,
            RecurrentReadout.LAST);
    private static final SequenceTrainer.Settings SETTINGS = new SequenceTrainer.Settings(1e-2f, 1e-4f, 8, 2, 5, 42);

    @Test
    void gruSeedEnsembleServesItsMembersMeanProbabilities() {
        float[][][] segments = segments(24, 10, 4, new Random(7));
        int[] labels = new int[segments.length];
        for (int s = 0; s < labels.length; s++) {
            labels[s] = s % CLASSES;
        }
        SequenceTrainer.Data data = SequenceTrainer.Data.ofClasses(new float[][][][] {segments}, labels, null, null,
                CLASSES, BatchRegularisation.NONE);

        float[][] mean = new float[segments.length][CLASSES];
        for (int m = 0; m < 2; m++) {
            float[][] p = scores(SequenceTrainer.fit(SequenceModelKind.GRU, HYPER, data, CLASSES,
                    SETTINGS.withSeed(SETTINGS.seed() + m), e -> { }), segments);
            for (int s = 0; s < segments.length; s++) {
                for (int c = 0; c < CLASSES; c++) {
                    mean[s][c] += p[s][c] / 2;
                }
            }
        }
        int[] epochs = new int[1];
        SequenceTrainer.Result trained = SequenceTrainer.fit(SequenceModelKind.GRU, HYPER, data, CLASSES, SETTINGS, 2,
                e -> epochs[0]++);
        long single = HYPER.hidden() * 3L * (4 + HYPER.hidden() + 2) + (HYPER.hidden() + 1L) * CLASSES;
        assertThat(trained.parameters()).isEqualTo(2 * single);
        float[][] ensemble = scores(trained, segments);

        assertThat(epochs[0]).isEqualTo(2 * SETTINGS.maxEpochs());
        for (int s = 0; s < segments.length; s++) {
            assertThat(ensemble[s]).containsExactly(mean[s], within(1e-5f));
        }
        assertThat(ensemble[0]).isNotEqualTo(mean[1]);
    }

    @Test
    void ensemblesOfNoMembersOrOfTheCnnAreRefused() {
        float[][][] segments = segments(6, 8, 4, new Random(3));
        SequenceTrainer.Data data = SequenceTrainer.Data.ofClasses(new float[][][][] {segments},
                new int[] {0, 1, 2, 0, 1, 2}, null, null, CLASSES, BatchRegularisation.NONE);
        assertThatThrownBy(() -> SequenceTrainer.fit(SequenceModelKind.GRU, HYPER, data, CLASSES, SETTINGS, 0,
                e -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one member");
        assertThatThrownBy(() -> SequenceTrainer.fit(SequenceModelKind.CNN, HYPER, data, CLASSES, SETTINGS, 2,
                e -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CNN has no seed ensemble");
    }

    /** Segments whose frames drift with the class of their index, so that there is something to learn. */
    private static float[][][] segments(int count, int frames, int features, Random random) {
        float[][][] out = new float[count][frames][features];
        for (int s = 0; s < count; s++) {
            for (int t = 0; t < frames; t++) {
                for (int f = 0; f < features; f++) {
                    out[s][t][f] = (float) (random.nextGaussian() + (s % CLASSES == f % CLASSES ? t * 0.2 : 0));
                }
            }
        }
        return out;
    }

    /** The app's scores of {@code segments} by a trained model, which is closed after. */
    private static float[][] scores(SequenceTrainer.Result trained, float[][][] segments) {
        try (trained; BatchScorer scorer = BatchScorer.forModel(ModelRole.GRU, trained.model(),
                trained.normalization(), CLASSES)) {
            return scorer.scoreSegments(segments);
        }
    }
}
