package io.genrestream.topics;

/** Topics could not be created, or existing topics do not match the catalog. */
public class TopicSetupException extends RuntimeException {
    public TopicSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
