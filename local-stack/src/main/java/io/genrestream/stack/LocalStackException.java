package io.genrestream.stack;

/** A local stack (or one of its child processes) could not be started or stopped; the message says why. */
public class LocalStackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the problem. */
    public LocalStackException(String message) {
        super(message);
    }

    /** Creates the exception with a message naming the problem and its cause. */
    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
