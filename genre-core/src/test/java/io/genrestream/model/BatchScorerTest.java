package io.genrestream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scorer applies the stored normalisation (log columns first) and softmax, as training did. */
class BatchScorerTest {

    @Test
    void scoresLikeManualNormalisationForwardAndSoftmax() {
        MlpSpec spec = MlpSpec.builder().setInputs(7).setClasses(4).optHidden(List.of(8)).optDropout(0f).build();
        float[][] rows = TestBundles.rows(5, 9);
        for (float[] r : rows) {
            r[2] = Math.abs(r[2]) + 1; // a positive, variance-like column
        }
        Normalization normalization = Normalization.fit(rows, new int[] {2});
        try (Model model = TestBundles.initialised("summary", GenreBlocks.summaryMlp(spec), new Shape(1, 7));
             BatchScorer scorer = BatchScorer.forModel(ModelRole.SUMMARY, model, normalization, 4)) {
            float[][] actual = scorer.scoreRows(rows);
            NDArray x = model.getNDManager().create(FloatBatch.ofRows(normalization.apply(rows)).data(),
                    new Shape(5, 7));
            NDArray logits = model.getBlock().forward(new ParameterStore(model.getNDManager(), false),
                    new NDList(x), false).singletonOrThrow();
            float[] expected = logits.softmax(-1).toFloatArray();
            for (int b = 0; b < 5; b++) {
                for (int c = 0; c < 4; c++) {
                    assertThat(actual[b][c]).isCloseTo(expected[b * 4 + c], within(1e-6f));
                }
            }
            assertThat(scorer.device()).isEqualTo(model.getNDManager().getDevice());
            assertThatThrownBy(() -> scorer.scoreRows(new float[][] {{1, 2, 3}}))
                    .hasMessageContaining("3 features per row, the model expects 7");
        }
    }
}
