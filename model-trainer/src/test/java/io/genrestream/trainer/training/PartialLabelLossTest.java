package io.genrestream.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import io.genrestream.model.ModelBundle;
import org.junit.jupiter.api.Test;

class PartialLabelLossTest {

    @Test
    void isCrossEntropyForOneClassAndTheSetsLikelihoodForSeveral() {
        try (NDManager m = NDManager.newBaseManager(ModelBundle.ENGINE)) {
            float[] logits = {2f, 1f, 0f};
            double z = Math.exp(2) + Math.exp(1) + 1;
            NDList predictions = new NDList(m.create(new float[][] {logits}));
            float single = new PartialLabelLoss().evaluate(new NDList(m.create(new float[][] {{0, 1, 0}})),
                    predictions).getFloat();
            assertThat((double) single).isCloseTo(-Math.log(Math.exp(1) / z), within(1e-5));
            float ce = new SoftmaxCrossEntropyLoss("ce", 1f, -1, false, true)
                    .evaluate(new NDList(m.create(new float[][] {{0, 1, 0}})), predictions).getFloat();
            assertThat(single).isCloseTo(ce, within(1e-5f));
            float set = new PartialLabelLoss().evaluate(new NDList(m.create(new float[][] {{0, 1, 1}})),
                    predictions).getFloat();
            assertThat((double) set).isCloseTo(-Math.log((Math.exp(1) + 1) / z), within(1e-5));
        }
    }
}
