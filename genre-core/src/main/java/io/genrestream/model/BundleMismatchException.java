package io.genrestream.model;

import java.util.List;

/** A bundle's feature configuration differs from the running extractor's; the models would get other features. */
public class BundleMismatchException extends RuntimeException {

    private final List<String> differingFields;

    /** @param differingFields names of the differing {@code FeatureConfig} fields */
    public BundleMismatchException(String message, List<String> differingFields) {
        super(message);
        this.differingFields = List.copyOf(differingFields);
    }

    /** Names of the differing fields. */
    public List<String> differingFields() {
        return differingFields;
    }
}
