package io.genrestream.model;

import java.util.Locale;

/** What a bundled model scores; also the base name of its parameter file in the bundle. */
public enum ModelRole {
    /** Sequence model over a segment's frame matrix: input [batch, frames, frameFeatures]. */
    GRU,
    /** Model over a segment's summary features: input [batch, summaryColumns]. */
    SUMMARY;

    /** Base file name in the bundle ({@code gru}, {@code summary}). */
    public String fileBase() {
        return name().toLowerCase(Locale.ROOT);
    }
}
