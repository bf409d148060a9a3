package io.genrestream.audio;

/**
 * Audio that cannot be decoded: empty input, a corrupt header, an unsupported encoding or a byte count that does
 * not fit the sample format. The message names the reason.
 */
public final class AudioFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message naming the problem. */
    public AudioFormatException(String message) {
        super(message);
    }

    /** An exception with a message naming the problem and the decoder's own exception. */
    public AudioFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
