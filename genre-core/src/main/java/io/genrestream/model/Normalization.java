package io.genrestream.model;

import java.util.Arrays;

/**
 * Per-feature standardisation {@code (x - mean) / std}, optionally of the natural log of some columns
 * ({@code ln(max(x, LOG_FLOOR))}, for heavy-tailed features such as the GTZAN table's variances), fitted on training
 * data only and stored in the model bundle so serving applies exactly the training transform. Features with (near)
 * zero spread get std 1.
 *
 * @param mean       per-feature mean (of the log for log columns)
 * @param std        per-feature standard deviation (population)
 * @param logColumns indices of the columns taken as logarithms before standardising (may be empty)
 */
public record Normalization(float[] mean, float[] std, int[] logColumns) {

    /** Spread below which a feature counts as constant. */
    public static final double MIN_STD = 1e-8;
    /** Smallest value a log column is taken of (keeps log(0) finite). */
    public static final float LOG_FLOOR = 1e-12f;

    /** Standardisation without log columns. */
    public Normalization(float[] mean, float[] std) {
        this(mean, std, new int[0]);
    }

    public Normalization {
        logColumns = logColumns == null ? new int[0] : logColumns.clone();
        for (int c : logColumns) {
            if (mean != null && (c < 0 || c >= mean.length)) {
                throw new IllegalArgumentException("log column " + c + " outside 0.." + (mean.length - 1));
            }
        }
        if (mean == null || std == null || mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("normalisation needs equal, non-empty mean and std vectors");
        }
        for (float s : std) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("normalisation std must be positive and finite: "
                        + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** The identity transform over {@code features} features. */
    public static Normalization identity(int features) {
        float[] ones = new float[features];
        Arrays.fill(ones, 1f);
        return new Normalization(new float[features], ones);
    }

    /** Fits mean and std per column of {@code rows} (rows x features). */
    public static Normalization fit(float[][] rows) {
        return fit(rows, new int[0]);
    }

    /** Fits mean and std per column of {@code rows}, after taking the log of {@code logColumns}. */
    public static Normalization fit(float[][] rows, int[] logColumns) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a normalisation on no rows");
        }
        int n = rows[0].length;
        double[] sum = new double[n];
        double[] sumSq = new double[n];
        long count = 0;
        for (float[] raw : rows) {
            if (raw.length != n) {
                throw new IllegalArgumentException("rows of different length: " + n + " and " + raw.length);
            }
            float[] row = logScaled(raw, logColumns);
            for (int j = 0; j < n; j++) {
                sum[j] += row[j];
                sumSq[j] += (double) row[j] * row[j];
            }
            count++;
        }
        float[] mean = new float[n];
        float[] std = new float[n];
        for (int j = 0; j < n; j++) {
            double m = sum[j] / count;
            double var = Math.max(0, sumSq[j] / count - m * m);
            mean[j] = (float) m;
            double s = Math.sqrt(var);
            std[j] = s < MIN_STD ? 1f : (float) s;
        }
        return new Normalization(mean, std, logColumns);
    }

    /** Fits per feature over every frame of every segment ({@code segments x frames x features}). */
    public static Normalization fitFrames(float[][][] segments) {
        int frames = Arrays.stream(segments).mapToInt(s -> s.length).sum();
        float[][] all = new float[frames][];
        int k = 0;
        for (float[][] segment : segments) {
            for (float[] frame : segment) {
                all[k++] = frame;
            }
        }
        return fit(all);
    }

    /** Number of features. */
    public int features() {
        return mean.length;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public int[] logColumns() {
        return logColumns.clone();
    }

    /** Whether some columns are log-scaled. */
    public boolean hasLogColumns() {
        return logColumns.length > 0;
    }

    /** A copy of {@code row} with the log columns replaced by their logarithm (the row itself when there are none). */
    static float[] logScaled(float[] row, int[] columns) {
        if (columns.length == 0) {
            return row;
        }
        float[] out = row.clone();
        for (int c : columns) {
            out[c] = (float) Math.log(Math.max(row[c], LOG_FLOOR));
        }
        return out;
    }

    /**
     * Takes the log of the log columns in place in row-major {@code data} whose last axis has {@link #features()}
     * values.
     */
    void logScaleInPlace(float[] data) {
        int n = mean.length;
        for (int start = 0; start < data.length; start += n) {
            for (int c : logColumns) {
                data[start + c] = (float) Math.log(Math.max(data[start + c], LOG_FLOOR));
            }
        }
    }

    /** A standardised copy of one row. */
    public float[] apply(float[] row) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("row has " + row.length + " features, normalisation " + mean.length);
        }
        float[] scaled = logScaled(row, logColumns);
        float[] out = new float[row.length];
        for (int j = 0; j < row.length; j++) {
            out[j] = (scaled[j] - mean[j]) / std[j];
        }
        return out;
    }

    /** A standardised copy of rows. */
    public float[][] apply(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = apply(rows[i]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std)
                && Arrays.equals(n.logColumns, logColumns);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(std)) + Arrays.hashCode(logColumns);
    }

    @Override
    public String toString() {
        return "Normalization[features=" + mean.length + ", logColumns=" + Arrays.toString(logColumns) + "]";
    }
}
