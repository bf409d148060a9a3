package io.genrestream.features;

import java.util.List;

/**
 * What one segment yields: its frame matrix for sequence models and its statistics for the summary features.
 * Immutable: {@link #frameMatrix()} returns a copy.
 */
public final class SegmentFeatures {

    private final float[][] frameMatrix;
    private final SegmentStatistics statistics;
    private final List<String> columns;

    SegmentFeatures(float[][] frameMatrix, SegmentStatistics statistics, List<String> columns) {
        this.frameMatrix = frameMatrix;
        this.statistics = statistics;
        this.columns = List.copyOf(columns);
    }

    /** {@code [frame][column]}, {@link FeatureConfig#framesPerSegment()} rows, columns as {@link #columns()}. */
    public float[][] frameMatrix() {
        float[][] out = new float[frameMatrix.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = frameMatrix[i].clone();
        }
        return out;
    }

    /** Column names of the frame matrix ({@link FeatureConfig#frameFeatures()}). */
    public List<String> columns() {
        return columns;
    }

    /** Number of frames. */
    public int frames() {
        return frameMatrix.length;
    }

    /** Sufficient statistics of this segment; merge consecutive ones for a rolling window. */
    public SegmentStatistics statistics() {
        return statistics;
    }
}
