package io.genrestream.testing;

import java.util.Locale;

/** Which {@link StackEndpoints.Mode} a test class asks for. */
public enum StackModeSetting {
    /** Whatever system property {@value #PROPERTY} says ({@code auto} when unset). */
    CONFIGURED,
    /** Docker when a Docker engine answers, local otherwise. */
    AUTO,
    /** Always Testcontainers. */
    DOCKER,
    /** Always the local stack. */
    LOCAL;

    /** System property choosing the mode of tests that do not force one: auto, docker or local. */
    public static final String PROPERTY = "genre.stack.mode";

    /** {@link #CONFIGURED} replaced by the value of {@value #PROPERTY}; any other setting as is. */
    StackModeSetting effective() {
        return this == CONFIGURED ? parse(System.getProperty(PROPERTY, "auto")) : this;
    }

    /**
     * Parses a value of {@value #PROPERTY}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    static StackModeSetting parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "docker" -> DOCKER;
            case "local" -> LOCAL;
            default -> throw new IllegalArgumentException("System property " + PROPERTY + "=" + value
                    + " is not one of auto, docker, local");
        };
    }
}
