package io.genrestream.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Batch in, class probabilities out: standardises the batch's last axis with the bundle's {@link Normalization}
 * (log columns first),
 * runs the block (which gives logits [batch, classes]) and applies softmax. The batch is already a batch, so no
 * batchifier.
 */
final class SoftmaxTranslator implements NoBatchifyTranslator<FloatBatch, float[][]> {

    private final Normalization normalization;
    private final int classes;

    SoftmaxTranslator(Normalization normalization, int classes) {
        this.normalization = normalization;
        this.classes = classes;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, FloatBatch input) {
        if (input.features() != normalization.features()) {
            throw new IllegalArgumentException("batch has " + input.features() + " features per row, the model "
                    + "expects " + normalization.features());
        }
        NDManager manager = ctx.getNDManager();
        float[] data = input.data();
        if (normalization.hasLogColumns()) {
            data = data.clone();
            normalization.logScaleInPlace(data);
        }
        NDArray x = manager.create(data, new Shape(input.shape()));
        NDArray mean = manager.create(normalization.mean());
        NDArray std = manager.create(normalization.std());
        return new NDList(x.sub(mean).div(std));
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        NDArray logits = list.get(0);
        Shape shape = logits.getShape();
        if (shape.dimension() != 2 || shape.get(1) != classes) {
            throw new IllegalStateException("model output has shape " + shape + ", expected [batch, " + classes + "]");
        }
        float[] flat = logits.softmax(-1).toFloatArray();
        int batch = (int) shape.get(0);
        float[][] out = new float[batch][classes];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(flat, b * classes, out[b], 0, classes);
        }
        return out;
    }
}
