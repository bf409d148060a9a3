package io.genrestream.serde;

/**
 * A schema registry call failed: the registry answered with an error (then {@link #httpStatus()} and
 * {@link #errorCode()} hold what it said) or could not be reached (both are -1).
 */
public class SchemaRegistryException extends RuntimeException {

    /** Value of {@link #httpStatus()} and {@link #errorCode()} when the registry gave no answer. */
    public static final int NO_ANSWER = -1;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = NO_ANSWER;
        this.errorCode = NO_ANSWER;
    }

    /** HTTP status the registry answered with, or {@link #NO_ANSWER}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent {@code error_code} from the answer body (e.g. 40403 schema not found), or {@link #NO_ANSWER}. */
    public int errorCode() {
        return errorCode;
    }

    /** True when the registry answered 404: the subject, version or schema id does not exist. */
    public boolean isNotFound() {
        return httpStatus == 404;
    }
}
