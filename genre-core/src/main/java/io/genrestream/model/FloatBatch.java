package io.genrestream.model;

import java.util.Arrays;

/**
 * A batch of model inputs as one flat row-major float array plus its shape ([batch, frames, features] or
 * [batch, features]); what {@link BatchScorer}'s translator turns into an NDArray.
 *
 * @param data  values, row-major
 * @param shape dimensions, the first being the batch size
 */
public record FloatBatch(float[] data, long[] shape) {

    public FloatBatch {
        long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (shape.length < 2 || size != data.length) {
            throw new IllegalArgumentException("batch of " + data.length + " values does not fit shape "
                    + Arrays.toString(shape));
        }
    }

    /** Packs segments [batch][frames][features]; every segment must have the same frames and features. */
    public static FloatBatch ofSegments(float[][][] segments) {
        if (segments.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        int frames = segments[0].length;
        int features = frames == 0 ? 0 : segments[0][0].length;
        float[] data = new float[segments.length * frames * features];
        int k = 0;
        for (int b = 0; b < segments.length; b++) {
            if (segments[b].length != frames) {
                throw new IllegalArgumentException("segment " + b + " has " + segments[b].length + " frames, segment"
                        + " 0 has " + frames);
            }
            for (float[] frame : segments[b]) {
                if (frame.length != features) {
                    throw new IllegalArgumentException("segment " + b + " has a frame of " + frame.length
                            + " features, expected " + features);
                }
                System.arraycopy(frame, 0, data, k, features);
                k += features;
            }
        }
        return new FloatBatch(data, new long[] {segments.length, frames, features});
    }

    /** Packs rows [batch][features]. */
    public static FloatBatch ofRows(float[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        int features = rows[0].length;
        float[] data = new float[rows.length * features];
        for (int b = 0; b < rows.length; b++) {
            if (rows[b].length != features) {
                throw new IllegalArgumentException("row " + b + " has " + rows[b].length + " features, expected "
                        + features);
            }
            System.arraycopy(rows[b], 0, data, b * features, features);
        }
        return new FloatBatch(data, new long[] {rows.length, features});
    }

    /** Batch size. */
    public int batchSize() {
        return (int) shape[0];
    }

    /** Size of the last axis. */
    public int features() {
        return (int) shape[shape.length - 1];
    }
}
