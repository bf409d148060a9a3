package io.genrestream.model;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

/**
 * Scores batches with one bundled model: input batch → softmax probabilities [batch][classes], after the bundle's
 * normalisation. Wraps one DJL {@link Predictor}, which is not thread-safe: create one scorer per thread (they share
 * the bundle's loaded model) and {@link #close()} it when the thread is done.
 */
public final class BatchScorer implements AutoCloseable {

    private final ModelRole role;
    private final Predictor<FloatBatch, float[][]> predictor;
    private final Device device;

    /**
     * A scorer over a model in memory (e.g. one just trained), with exactly the translator a loaded bundle uses, so an
     * evaluation scores as the app will.
     */
    public static BatchScorer forModel(ModelRole role, ai.djl.Model model, Normalization normalization, int classes) {
        return new BatchScorer(role, model.newPredictor(new SoftmaxTranslator(normalization, classes)),
                model.getNDManager().getDevice());
    }

    BatchScorer(ModelRole role, Predictor<FloatBatch, float[][]> predictor, Device device) {
        this.role = role;
        this.predictor = predictor;
        this.device = device;
    }

    /** Which model this scorer runs. */
    public ModelRole role() {
        return role;
    }

    /** Device the model runs on. */
    public Device device() {
        return device;
    }

    /** Probabilities for a batch of segment frame matrices [batch][frames][features]. */
    public float[][] scoreSegments(float[][][] segments) {
        return score(FloatBatch.ofSegments(segments));
    }

    /** Probabilities for any number of segments, scored {@code batchSize} at a time. */
    public float[][] scoreSegments(float[][][] segments, int batchSize) {
        float[][] p = new float[segments.length][];
        for (int start = 0; start < segments.length; start += batchSize) {
            int end = Math.min(segments.length, start + batchSize);
            float[][] batch = scoreSegments(java.util.Arrays.copyOfRange(segments, start, end));
            System.arraycopy(batch, 0, p, start, batch.length);
        }
        return p;
    }

    /** Probabilities for a batch of feature rows [batch][features]. */
    public float[][] scoreRows(float[][] rows) {
        return score(FloatBatch.ofRows(rows));
    }

    /** Probabilities for a packed batch. */
    public float[][] score(FloatBatch batch) {
        try {
            return predictor.predict(batch);
        } catch (TranslateException e) {
            throw new IllegalStateException("scoring a batch of " + batch.batchSize() + " with the " + role
                    + " model failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
