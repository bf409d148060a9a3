package io.genrestream.producer;

/** A chunk could not be delivered to Kafka (broker unreachable, authorization, record too large, ...). */
public class ChunkPublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its cause. */
    public ChunkPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
