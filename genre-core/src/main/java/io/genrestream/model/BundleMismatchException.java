package io.genrestream.model;

import java.util.List;

/**
 * A bundle does not fit the running app: its feature configuration differs from the extractor's (the models would get
 * other features), or its labels from the ones the deployment expects.
 */
public class BundleMismatchException extends RuntimeException {

    private final List<String> differingFields;

    /** @param differingFields names of the differing fields ({@code FeatureConfig} fields, or {@code labels}) */
    public BundleMismatchException(String message, List<String> differingFields) {
        super(message);
        this.differingFields = List.copyOf(differingFields);
    }

    /** Names of the differing fields. */
    public List<String> differingFields() {
        return differingFields;
    }
}
