package io.genrestream.model;

/**
 * One model of a bundle: its architecture and the normalisation applied to its input.
 *
 * @param file          file name inside the bundle directory ({@code gru-0000.params}, {@code summary.pt}, ...)
 * @param architecture  how to rebuild it
 * @param normalization per-feature standardisation of its input's last axis, fitted on the training data
 */
public record BundledModel(String file, ModelArchitecture architecture, Normalization normalization) {

    public BundledModel {
        if (file == null || file.isBlank() || file.contains("/") || file.contains("\\")) {
            throw new IllegalArgumentException("bundled model file must be a plain file name, got '" + file + "'");
        }
        if (architecture == null || normalization == null) {
            throw new IllegalArgumentException("bundled model " + file + " needs an architecture and a normalisation");
        }
    }
}
