package io.genrestream.producer.source;

/** An audio file or stream could not be turned into PCM; the message names the file and the reason. */
public class AudioDecodeException extends Exception {

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
