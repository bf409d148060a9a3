package io.genrestream.audio;

/**
 * An audio file or stream could not be turned into PCM; the message names the file and the reason. An
 * {@link java.io.IOException}, so code that reads files handles it with the other I/O failures.
 */
public class AudioDecodeException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public AudioDecodeException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public AudioDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
