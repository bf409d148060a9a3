package io.genrestream.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Cross-entropy against a set of admissible classes: {@code -log sum_{k in S} softmax(logits)_k}, with the set given
 * as a 0/1 target row. For a single class it is the ordinary softmax cross-entropy; for AllMusic's {@code pop_rock}
 * (one of pop, rock, metal, unknown which) the model is rewarded for any mass on the three and free to split it, the
 * usual likelihood of a partial label (Cour, Sapp &amp; Taskar 2011). DJL has no such loss, hence this class.
 */
public final class PartialLabelLoss extends Loss {

    /** Pushes excluded logits far below the admissible ones, so they vanish from the masked log-sum-exp. */
    private static final float EXCLUDED = 1e4f;

    public PartialLabelLoss() {
        super("PartialLabelLoss");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray admissible = labels.singletonOrThrow().toType(logits.getDataType(), false);
        NDArray logProbabilities = logits.logSoftmax(-1);
        NDArray masked = logProbabilities.add(admissible.sub(1f).mul(EXCLUDED));
        // log-sum-exp over the admissible classes, shifted by their largest term for stability
        NDArray top = masked.max(new int[] {-1}, true);
        NDArray inSet = masked.sub(top).exp().sum(new int[] {-1}).log().add(top.squeeze(-1));
        return inSet.neg().mean();
    }
}
