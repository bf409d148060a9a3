package io.genrestream.features;

/** Argument checks shared by the feature classes. */
final class Signals {

    private Signals() {
    }

    /** Throws if {@code y} is null, empty or holds a NaN or infinite sample, naming the first bad index. */
    static void requireFinite(float[] y, String what) {
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException(what + " is empty: at least one sample is needed");
        }
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i])) {
                throw new IllegalArgumentException(what + " holds a non-finite sample (" + y[i] + ") at index " + i);
            }
        }
    }
}
