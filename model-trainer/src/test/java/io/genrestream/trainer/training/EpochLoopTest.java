package io.genrestream.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import io.genrestream.model.ModelBundle;
import org.junit.jupiter.api.Test;

/** Mixup's loss, against label sets and against probability targets. */
class EpochLoopTest {

    private static final float[] LOGITS = {2f, 1f, 0f};
    private static final double Z = Math.exp(2) + Math.exp(1) + 1;

    @Test
    void mixupLossWeighsBothLabelSetsByTheBlend() {
        try (NDManager m = NDManager.newBaseManager(ModelBundle.ENGINE)) {
            NDArray logits = m.create(new float[][] {LOGITS});
            // a blues row (one class) blended 0.7 / 0.3 with a pop_rock-like row (a set of two)
            float loss = EpochLoop.mixupLoss(new PartialLabelLoss(), m.create(new float[][] {{1, 0, 0}}),
                    m.create(new float[][] {{0, 1, 1}}), logits, 0.7f).getFloat();
            double expected = 0.7 * -Math.log(Math.exp(2) / Z) + 0.3 * -Math.log((Math.exp(1) + 1) / Z);
            assertThat((double) loss).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void mixupLossOfCrossEntropyIsTheLossAgainstTheBlendedTargets() {
        try (NDManager m = NDManager.newBaseManager(ModelBundle.ENGINE)) {
            NDArray logits = m.create(new float[][] {LOGITS});
            SoftmaxCrossEntropyLoss ce = new SoftmaxCrossEntropyLoss("ce", 1f, -1, false, true);
            float mixed = EpochLoop.mixupLoss(ce, m.create(new float[][] {{1, 0, 0}}),
                    m.create(new float[][] {{0, 0, 1}}), logits, 0.25f).getFloat();
            float blended = ce.evaluate(new NDList(m.create(new float[][] {{0.25f, 0, 0.75f}})), new NDList(logits))
                    .getFloat();
            assertThat(mixed).isCloseTo(blended, within(1e-5f));
            assertThat((double) mixed).isCloseTo(0.25 * -Math.log(Math.exp(2) / Z) + 0.75 * -Math.log(1 / Z),
                    within(1e-5));
        }
    }
}
